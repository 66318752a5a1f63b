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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
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
  @RequirePermission('evidence.review')
  @ApiCreatedResponse({ description: '{ roundId }: the item is back with the agency (needs_revision).' })
  @ApiConflictResponse({
    description: 'Not the interview stage, a stale version, or a round is already open.',
  })
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: ReopenDto,
  ) {
    return { roundId: await this.interview.reopen(actor, agencyId, evidenceId, body) };
  }

  @Post('interview/rounds/:roundId/answer')
  @RequirePermission('evidence.upload')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Answered: the item is submitted again for the evaluator.' })
  @ApiConflictResponse({ description: 'The round is answered or closed, or not the interview stage.' })
  async answer(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('roundId', ParseUUIDPipe) roundId: string,
    @Body() body: AnswerDto,
  ): Promise<void> {
    await this.interview.answer(actor, agencyId, roundId, body);
  }
}
