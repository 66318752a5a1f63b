import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor, can } from '../../access/actor';
import { AgenciesService } from '../../agencies/agencies.service';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { Period } from '../../periods/period.entity';
import { formError, parseForm } from '../../kernel/forms';
import { FrozenResultsReader } from '../core/frozen-results.reader';
import { allows } from '../core/stage-rules';
import { AnswerDto } from '../interview/interview.dto';
import { InterviewService } from '../interview/interview.service';
import { REVIEW_REASONS } from '../review/review-reasons';
import { ReturnDto, YearQuery } from '../review/review.dto';
import { ReviewDecisionsService } from '../review/review-decisions.service';
import { ReviewQueueService } from '../review/review-queue.service';
import { stageTimeline } from '../stages/stage-timeline';
import { SubmitDto } from './submission.dto';
import { SubmissionService } from './submission.service';
import { refuse } from '../../i18n/refusal';

class AgencyPageQuery extends YearQuery {
  /** Which action just succeeded, for the confirmation line. */
  @IsOptional() @IsIn(['submitted', 'returned', 'answered']) done?: string;
}

/** The agency's view of the cycle: stage and dates, submission, internal returns, interview rounds. */
@ApiExcludeController()
@Controller('agencies/:agencyId/workflow')
export class AgencyWorkflowPagesController {
  constructor(
    @Inject(SubmissionService) private readonly submission: SubmissionService,
    @Inject(ReviewDecisionsService) private readonly decisions: ReviewDecisionsService,
    @Inject(ReviewQueueService) private readonly periods: ReviewQueueService,
    @Inject(InterviewService) private readonly interview: InterviewService,
    @Inject(AgenciesService) private readonly agencies: AgenciesService,
    @Inject(FrozenResultsReader) private readonly frozen: FrozenResultsReader,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async page(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: AgencyPageQuery,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, query.year, 200, { done: query.done });
  }

  @Post('submit')
  @RequirePermission('assessment.submit')
  async submit(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, body, 'submitted', async (period) => {
      await this.submission.submit(actor, agencyId, period, await parseForm(SubmitDto, body));
    });
  }

  @Post('evidence/:evidenceId/return')
  @RequirePermission('evidence.review_internal')
  async returnItem(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, body, 'returned', async () => {
      const { year: _y, ...form } = { ...body };
      const dto = await parseForm(ReturnDto, form);
      await this.decisions.decide(
        actor,
        agencyId,
        evidenceId,
        { ...dto, status: 'needs_revision' },
        'internal',
      );
    });
  }

  @Post('rounds/:roundId/answer')
  @RequirePermission('evidence.upload')
  async answer(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('roundId', ParseUUIDPipe) roundId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, body, 'answered', async () => {
      const { year: _y, ...form } = { ...body };
      await this.interview.answer(actor, agencyId, roundId, await parseForm(AnswerDto, form));
    });
  }

  /** Runs a form action and comes back to the page, or shows the page with the form's error. */
  private async act(
    res: Response,
    actor: Actor,
    agencyId: string,
    body: Record<string, unknown>,
    done: string,
    work: (period: Period) => Promise<void>,
  ) {
    const year = Number(body.year) || undefined;
    try {
      const period = await this.periods.period(year);
      await work(period);
      res.redirect(303, `/agencies/${agencyId}/workflow?year=${period.year}&done=${done}`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.render(res, actor, agencyId, year, status, { formError: message });
    }
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    year: number | undefined,
    status: number,
    model: object,
  ) {
    const lang = requestLang(res);
    const agency = await this.agencies.findById(agencyId);
    if (!agency) throw refuse(NotFoundException, 'msg.not_found.agency');
    const period = await this.periods.period(year);
    const check = await this.submission.check(agencyId, period, lang);
    const situation = { stage: period.stage, submitted: check.submitted !== null };
    const mayReturn = can(actor, 'evidence.review_internal') && allows('evidence.return_internal', situation);
    const mayAnswer = can(actor, 'evidence.upload') && period.stage === 'interview';
    const rounds = await this.interview.rounds(actor, agencyId, period.id);
    const frozen = await this.frozen.forAgency(agencyId, period.id);
    res.status(status).render('workflow/agency', {
      title: `${translate(lang, 'workflow.agency.title')} · ${agency.name}`,
      activeNav: 'agencies',
      agency,
      period,
      stages: stageTimeline(period),
      check,
      // The pre-submission check is advice for an agency that may still submit, nobody else.
      submissionOpen: allows('assessment.submit', situation),
      canSubmit: can(actor, 'assessment.submit') && check.canSubmit,
      internal: mayReturn ? await this.submission.submittedItems(agencyId, period) : null,
      returned: await this.submission.returnedItems(agencyId, period),
      rounds: rounds.map((r) => ({ ...r, canAnswer: mayAnswer && !r.answeredAt && !r.closedAt })),
      reasons: REVIEW_REASONS,
      frozen: frozen ? { ...frozen.freeze, intact: frozen.intact } : null,
      ...model,
    });
  }
}
