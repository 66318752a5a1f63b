import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseEndpoint } from './database/database-endpoint';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { pinoOptions } from './web/logging';

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
        AuditModule,
        HealthModule,
        HomeModule,
      ],
    };
  }
}
