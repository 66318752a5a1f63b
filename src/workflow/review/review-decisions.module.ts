import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { InterviewRepository } from '../interview/interview.repository';
import { ReviewDecisionsService } from './review-decisions.service';
import { ReviewRepository } from './review.repository';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';

/**
 * The decisions on evidence items, for the review pages and the evidence API's decision route
 * (src/evidence): the same stage rules and notifications, without the review module.
 */
@Module({
  imports: [WorkflowCoreModule, NotificationsModule],
  providers: [ReviewDecisionsService, ReviewRepository, InterviewRepository],
  exports: [ReviewDecisionsService],
})
export class ReviewDecisionsModule {}
