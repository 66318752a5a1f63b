import { Module } from '@nestjs/common';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';
import { FollowUpRepository, ReviewRepository } from './review.repository';
import { ReviewsController } from './reviews.controller';
import { ReviewsPagesController } from './reviews.pages.controller';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [AgencyDataModule],
  controllers: [ReviewsController, FollowUpsController, ReviewsPagesController],
  providers: [ReviewsService, FollowUpsService, ReviewRepository, FollowUpRepository, AgencyDirectory],
})
export class ReviewsModule {}
