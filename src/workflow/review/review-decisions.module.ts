import { Global, Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReviewDecisionsService } from './review-decisions.service';

/**
 * Global so that the evidence API's decision route (src/evidence) uses the same decisions,
 * stage rules and notifications as the review pages, without importing the review module.
 */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [ReviewDecisionsService],
  exports: [ReviewDecisionsService],
})
export class ReviewDecisionsModule {}
