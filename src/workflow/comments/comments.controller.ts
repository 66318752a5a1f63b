import { Body, Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { ParseIndicatorPipe } from '../../assessments/parse-indicator.pipe';
import { CommentDto } from './comments.dto';
import { CommentsService } from './comments.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId')
export class CommentsController {
  constructor(@Inject(CommentsService) private readonly comments: CommentsService) {}

  @Get('periods/:year/indicators/:indicator/comments')
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description: 'The thread of the indicator between the agency and its evaluators, oldest first.',
  })
  indicatorThread(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
  ) {
    return this.comments.thread(actor, agencyId, { indicator, year });
  }

  @Post('periods/:year/indicators/:indicator/comments')
  @RequirePermission('agency.read')
  @ApiCreatedResponse({ description: 'The thread with the new message.' })
  @ApiConflictResponse({ description: 'The period is final.' })
  postOnIndicator(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
    @Body() body: CommentDto,
  ) {
    return this.comments.post(actor, agencyId, { indicator, year }, body.body);
  }

  @Get('evidence/:evidenceId/comments')
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The thread of the evidence item, oldest first.' })
  evidenceThread(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
  ) {
    return this.comments.thread(actor, agencyId, { evidenceId });
  }

  @Post('evidence/:evidenceId/comments')
  @RequirePermission('agency.read')
  @ApiCreatedResponse({ description: 'The thread with the new message.' })
  @ApiConflictResponse({ description: 'The period is final.' })
  postOnEvidence(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: CommentDto,
  ) {
    return this.comments.post(actor, agencyId, { evidenceId }, body.body);
  }
}
