import { Module } from '@nestjs/common';
import { CommentsModule } from './comments/comments.module';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';
import { FreezeModule } from './freeze/freeze.module';
import { InterviewModule } from './interview/interview.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReviewDecisionsModule } from './review/review-decisions.module';
import { ReviewModule } from './review/review.module';
import { StagesModule } from './stages/stages.module';
import { SubmissionModule } from './submission/submission.module';

/**
 * The yearly cycle: stages, submission, review and validation, interview rounds, freeze,
 * notifications and comments. The stage rules are one table (core/stage-rules.ts).
 */
@Module({
  imports: [
    WorkflowCoreModule,
    NotificationsModule,
    ReviewDecisionsModule,
    StagesModule,
    SubmissionModule,
    ReviewModule,
    InterviewModule,
    FreezeModule,
    CommentsModule,
  ],
})
export class WorkflowModule {}
