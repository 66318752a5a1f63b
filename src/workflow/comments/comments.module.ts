import { Module } from '@nestjs/common';
import { CommentsController } from './comments.controller';
import { CommentsPagesController } from './comments.pages.controller';
import { CommentsService } from './comments.service';

@Module({
  controllers: [CommentsController, CommentsPagesController],
  providers: [CommentsService],
})
export class CommentsModule {}
