import { Module } from '@nestjs/common';
import { AgenciesModule } from '../../agencies/agencies.module';
import { AssessmentsModule } from '../../assessments/assessments.module';
import { InterviewModule } from '../interview/interview.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReviewModule } from '../review/review.module';
import { AgencyWorkflowPagesController } from './agency-workflow.pages.controller';
import { SubmissionController } from './submission.controller';
import { SubmissionRepository } from './submission.repository';
import { SubmissionService } from './submission.service';

@Module({
  imports: [AgenciesModule, AssessmentsModule, InterviewModule, NotificationsModule, ReviewModule],
  controllers: [SubmissionController, AgencyWorkflowPagesController],
  providers: [SubmissionService, SubmissionRepository],
})
export class SubmissionModule {}
