import { Global, Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { InterviewRepository } from '../interview/interview.repository';
import { ReviewDecisionsService } from './review-decisions.service';
import { ReviewRepository } from './review.repository';

/**
 * Global so that the evidence API's decision route (src/evidence) uses the same decisions,
 * stage rules and notifications as the review pages, without importing the review module.
 */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [ReviewDecisionsService, ReviewRepository, InterviewRepository],
  exports: [ReviewDecisionsService],
})
export class ReviewDecisionsModule {}
