import { Body, Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
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
  @ApiOperationDoc({
    summary: 'Indicator thread',
    description: 'The messages on one indicator between the agency and its evaluators, oldest first.',
    errors: { 400: true, 404: true },
  })
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
  @ApiOperationDoc({
    summary: 'Write on an indicator',
    description: 'Adds a message to the thread of an indicator; refused once the period is final.',
    errors: { 400: true, 404: true, 409: 'The period is final.' },
    body: { body: 'Bukti reviu 2025 sudah kami tambahkan.' },
  })
  @RequirePermission('agency.read')
  @ApiCreatedResponse({ description: 'The thread with the new message.' })
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
  @ApiOperationDoc({
    summary: 'Evidence thread',
    description: 'The messages on one evidence item, oldest first.',
    errors: { 400: true, 404: true },
  })
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
  @ApiOperationDoc({
    summary: 'Write on an evidence item',
    description: 'Adds a message to the thread of an evidence item; refused once the period is final.',
    errors: { 400: true, 404: true, 409: 'The period is final.' },
    body: { body: 'Halaman 3 memuat daftar unit yang dicakup.' },
  })
  @RequirePermission('agency.read')
  @ApiCreatedResponse({ description: 'The thread with the new message.' })
  postOnEvidence(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: CommentDto,
  ) {
    return this.comments.post(actor, agencyId, { evidenceId }, body.body);
  }
}
