import { Module } from '@nestjs/common';
import { AgenciesModule } from '../../agencies/agencies.module';
import { AssessmentsModule } from '../../assessments/assessments.module';
import { EvidenceModule } from '../../evidence/evidence.module';
import { InterviewModule } from '../interview/interview.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DifferencesPagesController } from './differences.pages.controller';
import { DifferencesService } from './differences.service';
import { EvidenceDecisionController } from './evidence-decision.controller';
import { ReviewController } from './review.controller';
import { ReviewPagesController } from './review.pages.controller';
import { ReviewQueueService } from './review-queue.service';
import { LevelValidationService } from './level-validation.service';
import { ReviewDecisionsModule } from './review-decisions.module';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';
import { LevelsModule } from '../../levels/levels.module';

@Module({
  imports: [
    LevelsModule,
    WorkflowCoreModule,
    PeriodLookupModule,
    ReviewDecisionsModule,
    AgenciesModule,
    AssessmentsModule,
    EvidenceModule,
    InterviewModule,
    NotificationsModule,
  ],
  controllers: [
    ReviewController,
    ReviewPagesController,
    DifferencesPagesController,
    EvidenceDecisionController,
  ],
  providers: [ReviewQueueService, LevelValidationService, DifferencesService],
  exports: [ReviewQueueService, ReviewDecisionsModule],
})
export class ReviewModule {}
