import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AgenciesPagesController } from './agencies.pages.controller';
import { ScoringModule } from '../scoring/scoring.module';
import { PeriodsModule } from '../periods/periods.module';
import { CrosswalkLevelsService } from './crosswalk-levels.service';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsPagesController } from './assessments.pages.controller';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentsService } from './assessments.service';

@Module({
  imports: [AgenciesModule, ScoringModule, PeriodsModule],
  controllers: [AssessmentsController, AssessmentsPagesController, AgenciesPagesController],
  providers: [AssessmentsService, AssessmentRepository, CrosswalkLevelsService],
  exports: [AssessmentsService, AssessmentRepository],
})
export class AssessmentsModule {}
