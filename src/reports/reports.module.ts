import { DynamicModule, Module } from '@nestjs/common';
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

/** PDF summaries and roll-ups, spreadsheets and evidence packages (issue 9). */
@Module({
  imports: [AgenciesModule, AssessmentsModule, ScoringModule, OnboardingModule, JobsModule],
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
  /** The server also works roll-up jobs off the queue; the command line does not. */
  static forServer(): DynamicModule {
    return { module: ReportsModule, providers: [RollupWorker] };
  }
}
