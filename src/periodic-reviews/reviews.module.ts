import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';
import { FollowUpRepository, PeriodicReviewRepository } from './periodic-review.repository';
import { ReviewsController } from './reviews.controller';
import { ReviewsPagesController } from './reviews.pages.controller';
import { ReviewsService } from './reviews.service';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';

/**
 * The agency's periodic reviews of its SPL (Indicator 18) or policy (Indicator 7) and their
 * follow-ups; not the evaluator's review of a self-assessment, which lives in workflow/review.
 */
@Module({
  // EvidenceModule: its repository writes the records' evidence links (the link tables' one writer).
  imports: [WorkflowCoreModule, AgencyDataModule, EvidenceModule, AgenciesModule],
  controllers: [ReviewsController, FollowUpsController, ReviewsPagesController],
  providers: [ReviewsService, FollowUpsService, PeriodicReviewRepository, FollowUpRepository],
})
export class ReviewsModule {}
