import {
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
import { FormBody, FormInput, FormState, submitForm } from '../../web/page-form';
import { AnswerForm, ReturnForm } from './agency-workflow.forms';
import { FrozenResultsReader } from '../../workflow-core/frozen-results.reader';
import { allows } from '../../workflow-core/stage-rules';
import { InterviewService } from '../interview/interview.service';
import { REVIEW_REASONS } from '../review/review-reasons';
import { YearQuery } from '../review/review.dto';
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
    @FormBody(SubmitDto) form: FormInput<SubmitDto>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, form, 'submitted', undefined, (period, dto) =>
      this.submission.submit(actor, agencyId, period, dto),
    );
  }

  @Post('evidence/:evidenceId/return')
  @RequirePermission('evidence.review_internal')
  async returnItem(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @FormBody(ReturnForm) form: FormInput<ReturnForm>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, form, 'returned', evidenceId, (_period, { year: _y, ...dto }) =>
      this.decisions.decide(actor, agencyId, evidenceId, { ...dto, status: 'needs_revision' }, 'internal'),
    );
  }

  @Post('rounds/:roundId/answer')
  @RequirePermission('evidence.upload')
  async answer(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('roundId', ParseUUIDPipe) roundId: string,
    @FormBody(AnswerForm) form: FormInput<AnswerForm>,
    @Res() res: Response,
  ) {
    await this.act(res, actor, agencyId, form, 'answered', roundId, (_period, { year: _y, ...dto }) =>
      this.interview.answer(actor, agencyId, roundId, dto),
    );
  }

  /**
   * Runs a form action and comes back to the page, or shows the page again with the form's
   * error and what was entered in it (`target`: the item or round the form belongs to).
   */
  private async act<T extends object>(
    res: Response,
    actor: Actor,
    agencyId: string,
    form: FormInput<T>,
    done: string,
    target: string | undefined,
    work: (period: Period, dto: T) => Promise<unknown>,
  ) {
    const year = Number(form.values.year) || undefined;
    await submitForm(res, form, {
      save: async (dto) => {
        const period = await this.periods.period(year);
        await work(period, dto);
        return `/agencies/${agencyId}/workflow?year=${period.year}&done=${done}`;
      },
      page: (state) => this.render(res, actor, agencyId, year, state.status, { ...state, target }),
      at: `/agencies/${agencyId}/workflow${year ? `?year=${year}` : ''}`,
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    year: number | undefined,
    status: number,
    model: Partial<FormState> & { done?: string; target?: string },
  ) {
    const lang = requestLang(res);
    const { target, form, ...shown } = model;
    const entered = (id: string) => (target === id ? form : undefined);
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
      internal: mayReturn
        ? (await this.submission.submittedItems(agencyId, period)).map((i) => ({
            ...i,
            entered: entered(i.id),
          }))
        : null,
      returned: await this.submission.returnedItems(agencyId, period),
      rounds: rounds.map((r) => ({
        ...r,
        canAnswer: mayAnswer && !r.answeredAt && !r.closedAt,
        entered: entered(r.id),
      })),
      reasons: REVIEW_REASONS,
      frozen: frozen ? { ...frozen.freeze, intact: frozen.intact } : null,
      ...shown,
    });
  }
}
