import { Module } from '@nestjs/common';
import { CommentsController } from './comments.controller';
import { CommentsPagesController } from './comments.pages.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

@Module({
  controllers: [CommentsController, CommentsPagesController],
  providers: [CommentsService, CommentsRepository],
})
export class CommentsModule {}
