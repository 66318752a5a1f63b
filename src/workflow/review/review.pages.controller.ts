import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor, can } from '../../access/actor';
import { ParseIndicatorPipe } from '../../assessments/parse-indicator.pipe';
import { translate } from '../../i18n/i18n';
import { requestLang } from '../../i18n/language.middleware';
import { formError, parseForm } from '../../kernel/forms';
import { InterviewService } from '../interview/interview.service';
import { REVIEW_REASONS } from './review-reasons';
import { YearQuery } from './review.dto';
import { DecisionForm, ReopenForm, ValidationForm } from './review.forms';
import { ReviewQueueService, ReviewView } from './review-queue.service';
import { ReviewDecisionsService } from './review-decisions.service';
import { ValidationService } from './validation.service';
import { refuse } from '../../i18n/refusal';

const back = (agencyId: string, year: number, anchor: string) =>
  `/review/agencies/${agencyId}?year=${year}${anchor ? `#${anchor}` : ''}`;

@ApiExcludeController()
@Controller('review')
export class ReviewPagesController {
  constructor(
    @Inject(ReviewQueueService) private readonly queue: ReviewQueueService,
    @Inject(ReviewDecisionsService) private readonly decisions: ReviewDecisionsService,
    @Inject(ValidationService) private readonly validation: ValidationService,
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
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.submit(res, actor, agencyId, body, async () => {
      const form = await parseForm(DecisionForm, body);
      await this.decisions.decide(actor, agencyId, evidenceId, form, 'evaluator');
      const period = await this.queue.period(form.year);
      return back(agencyId, period.year, `item-${form.next ?? evidenceId}`);
    });
  }

  @Post('agencies/:agencyId/evidence/:evidenceId/reopen')
  @RequirePermission('evidence.review')
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.submit(res, actor, agencyId, body, async () => {
      const form = await parseForm(ReopenForm, body);
      await this.interview.reopen(actor, agencyId, evidenceId, form);
      const period = await this.queue.period(form.year);
      return back(agencyId, period.year, `item-${evidenceId}`);
    });
  }

  @Post('agencies/:agencyId/indicators/:indicator/validation')
  @RequirePermission('assessment.validate')
  async validate(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.submit(res, actor, agencyId, body, async () => {
      const form = await parseForm(ValidationForm, body);
      const period = await this.queue.period(form.year);
      await this.validation.validate(actor, agencyId, period, indicator, form);
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
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const { indicator: raw, ...fields } = body;
    const indicator = Number(raw);
    const entered = { indicator, level: Number(fields.validatedLevel), note: String(fields.note ?? '') };
    await this.submit(
      res,
      actor,
      agencyId,
      body,
      async () => {
        if (indicator !== 7 && indicator !== 18)
          throw refuse(BadRequestException, 'msg.validation.indicators', { field: 'indicator' });
        const form = await parseForm(ValidationForm, fields);
        const period = await this.queue.period(form.year);
        await this.validation.validate(actor, agencyId, period, indicator, form);
        return back(agencyId, period.year, `indicator-${indicator}`);
      },
      entered,
    );
  }

  /**
   * A form of the review page: `work` answers where to go back to; a refusal shows the page
   * again with the message (and, for a validation, what was entered).
   */
  private async submit(
    res: Response,
    actor: Actor,
    agencyId: string,
    body: Record<string, unknown>,
    work: () => Promise<string>,
    entered?: EnteredValidation,
  ) {
    try {
      res.redirect(303, await work());
    } catch (error) {
      const { status, message } = formError(error);
      const year = Number(body.year) || undefined;
      await this.render(res, actor, agencyId, year, status, { formError: message, entered });
    }
  }

  private async render(
    res: Response,
    actor: Actor,
    agencyId: string,
    year: number | undefined,
    status: number,
    model: { formError?: string; entered?: EnteredValidation },
  ) {
    const lang = requestLang(res);
    const period = await this.queue.period(year);
    const view = await this.queue.agency(actor, agencyId, period, lang);
    res.status(status).render('workflow/review-agency', {
      title: `${translate(lang, 'workflow.review.title')} · ${view.agency.name}`,
      activeNav: 'review',
      ...reviewModel(view, model.entered),
      reasons: REVIEW_REASONS,
      canDecide: can(actor, 'evidence.review') && view.period.stage !== 'final',
      canValidate:
        can(actor, 'assessment.validate') && ['document_review', 'interview'].includes(view.period.stage),
      canReopen: can(actor, 'evidence.review') && view.period.stage === 'interview',
      ...model,
    });
  }
}

/** The review page's model: each item knows the next one, for "next" after a decision. */
interface EnteredValidation {
  indicator: number;
  level: number;
  note: string;
}

function reviewModel(view: ReviewView, entered?: EnteredValidation) {
  return {
    ...view,
    items: view.items.map((item, i) => ({
      ...item,
      next: view.items[i + 1]?.id ?? item.id,
      decided: item.status !== 'submitted',
    })),
    indicators: view.indicators.map((v) => {
      const mine = entered?.indicator === v.indicator ? entered : undefined;
      return {
        ...v,
        levelOptions: [0, 1, 2, 3, 4, 5].map((level) => ({
          level,
          selected: level === (mine ? mine.level : (v.validated ?? v.verified)),
        })),
        noteText: mine ? mine.note : v.validationNote,
      };
    }),
  };
}
