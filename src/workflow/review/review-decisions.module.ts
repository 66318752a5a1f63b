import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { InterviewModule } from '../interview/interview.module';
import { ReviewDecisionsService } from './review-decisions.service';
import { ReviewRepository } from './review.repository';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';

/**
 * The decisions on evidence items (the review pages and API, the evidence API's decision route,
 * the agency's workflow page): one service with the stage rules and notifications.
 */
@Module({
  imports: [WorkflowCoreModule, NotificationsModule, InterviewModule],
  providers: [ReviewDecisionsService, ReviewRepository],
  exports: [ReviewDecisionsService, ReviewRepository],
})
export class ReviewDecisionsModule {}
