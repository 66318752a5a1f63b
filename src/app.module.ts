import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { AgenciesModule } from './agencies/agencies.module';
import { AssessmentsModule } from './assessments/assessments.module';
import { PemdiModule } from './pemdi/pemdi.module';
import { LevelsModule, StaleLevelsOnBootModule } from './levels/levels.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DemoModule } from './demo/demo.module';
import { UsersModule } from './auth/users.module';
import { UnitsModule } from './units/units.module';
import { ApplicationsModule } from './applications/applications.module';
import { SplModule } from './spl/spl.module';
import { PoliciesModule } from './policies/policies.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { ReviewsModule } from './periodic-reviews/reviews.module';
import { PeriodsModule } from './workflow/stages/periods.module';
import { FrameworkPackagesModule } from './framework-packages/framework-packages.module';
import { ImportsModule } from './bulk-import/imports.module';
import { EvidenceModule } from './evidence/evidence.module';
import { CrosswalkModule } from './crosswalk/crosswalk.module';
import { ReportsModule } from './reports/reports.module';
import { BackupModule } from './backup/backup.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseEndpoint } from './database/database-endpoint';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { HubHealthJobsModule } from './hub/hub-health.scheduler';
import { HubModule } from './hub/hub.module';
import { MailJobsModule } from './workflow/notifications/mail-jobs.module';
import { OnboardingJobsModule } from './onboarding/onboarding-jobs.module';
import { OnboardingModule } from './onboarding/onboarding.module';
import { WorkflowModule } from './workflow/workflow.module';
import { pinoOptions } from './web/logging';
import { rateLimitModule } from './rate-limit/rate-limit.module';

export interface AppModuleOptions {
  config: AppConfig;
  endpoint: DatabaseEndpoint;
  /** For the CLI: logs to stderr, and no migrations at boot when false. */
  cli?: { migrateOnBoot: boolean };
}

@Module({})
export class AppModule {
  static forRoot({ config, endpoint, cli }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(pinoOptions(config, cli !== undefined)),
        DatabaseModule.forRoot({ endpoint, migrateOnBoot: cli?.migrateOnBoot ?? true }),
        // Applied only where a route asks for it (the login routes); counted in the database.
        rateLimitModule(config.auth.loginRatePerMinute),
        cli ? AuditModule : AuditModule.forServer(),
        AccessModule.forRoot(AuthModule),
        AuthModule,
        UsersModule,
        LevelsModule,
        // The server also brings stale levels up to date at boot; the command line does not.
        ...(cli ? [] : [StaleLevelsOnBootModule]),
        AgenciesModule,
        AssessmentsModule,
        PemdiModule,
        // (feature modules of agency data are added here)
        UnitsModule,
        ApplicationsModule,
        SplModule,
        OnboardingModule,
        PoliciesModule,
        IntegrationsModule,
        ReviewsModule,
        FrameworkPackagesModule,
        PeriodsModule,
        ImportsModule,
        EvidenceModule,
        CrosswalkModule,
        WorkflowModule,
        HubModule,
        ReportsModule.register(HubModule, !cli),
        BackupModule,
        // Demo data is the app's business at boot, not the command line's.
        ...(cli ? [] : [DemoModule]),
        // The mail worker and the digest/deadline scanner run in the server, not in CLI commands.
        ...(cli ? [] : [MailJobsModule, HubHealthJobsModule]),
        // Reminders of overdue SPLP steps run in the server only.
        ...(cli ? [] : [OnboardingJobsModule]),
        HealthModule,
        HomeModule,
      ],
    };
  }
}
