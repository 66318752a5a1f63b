import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor, can } from '../../access/actor';
import { ParseAnyIndicatorPipe } from '../../assessments/parse-indicator.pipe';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { FormBody, FormInput, FormState, submitForm } from '../../web/page-form';
import { allows } from '../../workflow-core/stage-rules';
import type { PeriodStage } from '../../periods/period.entity';
import { InterviewService } from '../interview/interview.service';
import { REVIEW_REASONS } from './review-reasons';
import { YearQuery } from './review.dto';
import { DecisionForm, ReopenForm, ValidationForm, ValidationHereForm } from './review.forms';
import { ReviewQueueService, ReviewView } from './review-queue.service';
import { ReviewDecisionsService } from './review-decisions.service';
import { LevelValidationService } from './level-validation.service';

const back = (agencyId: string, year: number, anchor: string) =>
  `/review/agencies/${agencyId}?year=${year}${anchor ? `#${anchor}` : ''}`;

@ApiExcludeController()
@Controller('review')
export class ReviewPagesController {
  constructor(
    @Inject(ReviewQueueService) private readonly queue: ReviewQueueService,
    @Inject(ReviewDecisionsService) private readonly decisions: ReviewDecisionsService,
    @Inject(LevelValidationService) private readonly validation: LevelValidationService,
    @Inject(InterviewService) private readonly interview: InterviewService,
  ) {}

  @Get()
  @RequirePermission('evidence.review')
  async list(@CurrentActor() actor: Actor, @Query() query: YearQuery, @Res() res: Response) {
    const period = await this.queue.period(query.year);
    res.render('workflow/review-queue', {
      title: translate(requestLang(res), 'workflow.review.title'),
      activeNav: 'review',
      period,
      agencies: await this.queue.queue(actor, period),
    });
  }

  @Get('agencies/:agencyId')
  @RequirePermission('evidence.review')
  async agency(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: YearQuery,
    @Res() res: Response,
  ) {
    await this.render(res, actor, agencyId, query.year, 200, {});
  }

  @Post('agencies/:agencyId/evidence/:evidenceId/decision')
  @RequirePermission('evidence.review')
  async decide(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @FormBody(DecisionForm) form: FormInput<DecisionForm>,
    @Res() res: Response,
  ) {
    await this.submit(res, actor, agencyId, form, { item: evidenceId }, async (dto) => {
      await this.decisions.decide(actor, agencyId, evidenceId, dto, 'evaluator');
      const period = await this.queue.period(dto.year);
      return back(agencyId, period.year, `item-${dto.next ?? evidenceId}`);
    });
  }

  @Post('agencies/:agencyId/evidence/:evidenceId/reopen')
  @RequirePermission('evidence.review')
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @FormBody(ReopenForm) form: FormInput<ReopenForm>,
    @Res() res: Response,
  ) {
    await this.submit(res, actor, agencyId, form, { item: evidenceId }, async (dto) => {
      await this.interview.reopen(actor, agencyId, evidenceId, dto);
      const period = await this.queue.period(dto.year);
      return back(agencyId, period.year, `item-${evidenceId}`);
    });
  }

  @Post('agencies/:agencyId/indicators/:indicator/validation')
  @RequirePermission('assessment.validate')
  async validate(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('indicator', ParseAnyIndicatorPipe) indicator: number,
    @FormBody(ValidationForm) form: FormInput<ValidationForm>,
    @Res() res: Response,
  ) {
    await this.submit(res, actor, agencyId, form, { indicator }, async (dto) => {
      const period = await this.queue.period(dto.year);
      await this.validation.validate(actor, agencyId, period, indicator, dto);
      return back(agencyId, period.year, `indicator-${indicator}`);
    });
  }

  /**
   * The validation form posts to the review page's own address, so a refusal shown again (400,
   * with the level and note entered) leaves an address that opens the page.
   */
  @Post('agencies/:agencyId')
  @RequirePermission('assessment.validate')
  async validateHere(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(ValidationHereForm) form: FormInput<ValidationHereForm>,
    @Res() res: Response,
  ) {
    const indicator = Number(form.values.indicator);
    await this.submit(res, actor, agencyId, form, { indicator }, async ({ indicator: chosen, ...dto }) => {
      const period = await this.queue.period(dto.year);
      await this.validation.validate(actor, agencyId, period, chosen, dto);
      return back(agencyId, period.year, `indicator-${chosen}`);
    });
  }

  /**
   * A form of the review page: `work` answers where to go back to; a refusal shows the page
   * again with the message and what was entered in the form it came from (an item's decision or
   * reopening, an indicator's validation).
   */
  private async submit<T extends object>(
    res: Response,
    actor: Actor,
    agencyId: string,
    form: FormInput<T>,
    target: ReviewTarget,
    work: (dto: T) => Promise<string>,
  ) {
    const year = Number(form.values.year) || undefined;
    await submitForm(res, form, {
      save: work,
      page: (state) => this.render(res, actor, agencyId, year, state.status, { ...state, target }),
      at: `/review/agencies/${agencyId}${year ? `?year=${year}` : ''}`,
    });
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    year: number | undefined,
    status: number,
    model: Partial<FormState> & { target?: ReviewTarget },
  ) {
    const lang = requestLang(res);
    const period = await this.queue.period(year);
    const view = await this.queue.agency(actor, agencyId, period, lang);
    const decisionsOpen = allows('evidence.decide', {
      stage: view.period.stage as PeriodStage,
      submitted: view.submittedAt !== null,
      admin: actor.role === 'admin',
    });
    res.status(status).render('workflow/review-agency', {
      title: `${translate(lang, 'workflow.review.title')} · ${view.agency.name}`,
      activeNav: 'review',
      ...reviewModel(view, model.target, model.form),
      // The stage rules decide (stage-rules.ts): in self-assessment, only once the agency has submitted.
      canDecide: can(actor, 'evidence.review') && decisionsOpen,
      decisionsWait: can(actor, 'evidence.review') && !decisionsOpen && view.period.stage !== 'final',
      canValidate:
        can(actor, 'assessment.validate') && ['document_review', 'interview'].includes(view.period.stage),
      canReopen: can(actor, 'evidence.review') && view.period.stage === 'interview',
      formError: model.formError,
    });
  }
}

/** Which form of the review page was refused: an item's (decision, reopening) or an indicator's. */
type ReviewTarget = { item: string } | { indicator: number };

/**
 * The review page's model: each item knows the next one, for "next" after a decision; the form
 * that was refused shows what was entered.
 */
function reviewModel(view: ReviewView, target?: ReviewTarget, entered: Record<string, unknown> = {}) {
  const text = (name: string) => (typeof entered[name] === 'string' ? entered[name] : undefined);
  return {
    ...view,
    items: view.items.map((item, i) => ({
      ...item,
      next: view.items[i + 1]?.id ?? item.id,
      decided: item.status !== 'submitted',
      entered:
        target && 'item' in target && target.item === item.id
          ? { reasonCode: text('reasonCode'), reason: text('reason'), question: text('question') }
          : undefined,
      // The reason chosen before a refusal stays chosen in that item's form only.
      reasonOptions: REVIEW_REASONS.map((code) => ({
        code,
        selected: Boolean(
          target && 'item' in target && target.item === item.id && text('reasonCode') === code,
        ),
      })),
    })),
    indicators: view.indicators.map((v) => {
      const mine = target && 'indicator' in target && target.indicator === v.indicator;
      // A package period (Pemdi 2026) validates on its 1–5 scale, against the claim.
      const levels = v.code ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5];
      const current = v.validated ?? (v.code ? v.claimed : v.verified);
      return {
        ...v,
        levelOptions: levels.map((level) => ({
          level,
          selected: level === (mine ? Number(entered.validatedLevel) : current),
        })),
        noteText: mine ? (text('note') ?? '') : v.validationNote,
      };
    }),
  };
}
