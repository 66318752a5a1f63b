import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { AnswerDto, ReopenDto } from './interview.dto';
import { InterviewService } from './interview.service';
import { PeriodLookup } from '../../periods/period-lookup';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId')
export class InterviewController {
  constructor(
    @Inject(InterviewService) private readonly interview: InterviewService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  @Get('periods/:year/interview/rounds')
  @ApiOperationDoc({
    summary: 'Interview rounds',
    description:
      'Every interview round of the agency in the period, with questions and answers (all rounds are kept).',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'Every interview round of the agency in the period (all rounds are kept).' })
  async rounds(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
  ) {
    const period = await this.periods.byYear(year);
    return this.interview.rounds(actor, agencyId, period.id);
  }

  @Post('evidence/:evidenceId/reopen')
  @ApiOperationDoc({
    summary: 'Ask about an item (interview)',
    description:
      'During the interview stage the evaluator reopens an item with a question; it goes back to the agency (needs_revision).',
    errors: {
      400: true,
      404: true,
      409: 'Not the interview stage, a stale version, or a round is already open.',
    },
    body: { question: 'Mohon unggah versi yang sudah ditandatangani.', version: 3 },
  })
  @RequirePermission('evidence.review')
  @ApiCreatedResponse({ description: '{ roundId }: the item is back with the agency (needs_revision).' })
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: ReopenDto,
  ) {
    return { roundId: await this.interview.reopen(actor, agencyId, evidenceId, body) };
  }

  @Post('interview/rounds/:roundId/answer')
  @ApiOperationDoc({
    summary: 'Answer an interview question',
    description: 'The agency answers an open round; the item is submitted again for the evaluator.',
    errors: { 400: true, 404: true, 409: 'The round is answered or closed, or not the interview stage.' },
    body: { comment: 'Versi bertanda tangan sudah diunggah sebagai revisi 2.' },
  })
  @RequirePermission('evidence.upload')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Answered: the item is submitted again for the evaluator.' })
  async answer(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('roundId', ParseUUIDPipe) roundId: string,
    @Body() body: AnswerDto,
  ): Promise<void> {
    await this.interview.answer(actor, agencyId, roundId, body);
  }
}
