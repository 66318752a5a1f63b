import { Module } from '@nestjs/common';
import { CommentsController } from './comments.controller';
import { CommentsPagesController } from './comments.pages.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';

@Module({
  imports: [WorkflowCoreModule, PeriodLookupModule],
  controllers: [CommentsController, CommentsPagesController],
  providers: [CommentsService, CommentsRepository],
})
export class CommentsModule {}
