import { DynamicModule, Module, Type } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AssessmentsModule } from '../assessments/assessments.module';
import { OnboardingModule } from '../onboarding/onboarding.module';
import { JobsModule } from '../jobs/jobs.module';
import { ScoringModule } from '../scoring/scoring.module';
import { AgencyReportsService } from './agency-reports.service';
import { LinkedDataRepository } from './linked-data.repository';
import { ReportDataService } from './report-data.service';
import { ReportsController } from './reports.controller';
import { ReportsPagesController } from './reports.pages.controller';
import { ReportsRepository } from './reports.repository';
import { RollupJobs, RollupWorker } from './rollup-jobs';
import { RollupJobRepository } from './rollup-job.repository';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { LevelsModule } from '../levels/levels.module';
import { StorageModule } from '../storage/storage.module';

/** PDF summaries and roll-ups, spreadsheets and evidence packages (issue 9). */
@Module({
  imports: [
    StorageModule,
    LevelsModule,
    PeriodLookupModule,
    AgenciesModule,
    AssessmentsModule,
    ScoringModule,
    OnboardingModule,
    JobsModule,
  ],
  controllers: [ReportsController, ReportsPagesController],
  providers: [
    ReportsRepository,
    LinkedDataRepository,
    RollupRepository,
    ReportDataService,
    AgencyReportsService,
    RollupService,
    RollupJobs,
    RollupJobRepository,
  ],
})
export class ReportsModule {
  /**
   * `hub` provides HUB_SOURCE (the hub's figures and directory rows); the composition root
   * hands it in, so this folder does not import the hub's. The server also works roll-up jobs
   * off the queue; the command line does not.
   */
  static register(hub: Type, server: boolean): DynamicModule {
    return { module: ReportsModule, imports: [hub], providers: server ? [RollupWorker] : [] };
  }
}
