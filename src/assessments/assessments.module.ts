import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AgenciesPagesController } from './agencies.pages.controller';
import { ScoringModule } from '../scoring/scoring.module';
import { FrameworkPackagesModule } from '../framework-packages/framework-packages.module';
import { CrosswalkLevelsService } from './crosswalk-levels.service';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsPagesController } from './assessments.pages.controller';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentsService } from './assessments.service';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';
import { LevelsModule } from '../levels/levels.module';

@Module({
  imports: [
    LevelsModule,
    WorkflowCoreModule,
    PeriodLookupModule,
    AgenciesModule,
    ScoringModule,
    FrameworkPackagesModule,
  ],
  controllers: [AssessmentsController, AssessmentsPagesController, AgenciesPagesController],
  providers: [AssessmentsService, AssessmentRepository, CrosswalkLevelsService],
  exports: [AssessmentsService, AssessmentRepository],
})
export class AssessmentsModule {}
