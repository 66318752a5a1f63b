import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { AgencyDirectory } from '../agencies/agency-directory';
import { requestLang } from '../i18n/language.middleware';
import { FormBody, FormInput, FormState, submitForm, withEntered } from '../web/page-form';
import { options, pageModel, pager } from '../kernel/agency-pages';
import { historyModel } from '../history/history.view';
import { HistoryService } from '../history/history.service';
import { FOLLOW_UP_STATUSES } from './follow-up.entity';
import { FollowUpsService } from './follow-ups.service';
import { REVIEW_SUBJECTS } from './review.entity';
import {
  CreateFollowUpDto,
  CreateReviewDto,
  ListReviewsQuery,
  UpdateFollowUpDto,
  UpdateReviewDto,
} from './reviews.dto';
import { ReviewsService } from './reviews.service';

@ApiExcludeController()
@Controller('agencies/:agencyId/reviews')
export class ReviewsPagesController {
  constructor(
    @Inject(ReviewsService) private readonly reviews: ReviewsService,
    @Inject(FollowUpsService) private readonly followUps: FollowUpsService,
    @Inject(HistoryService) private readonly history: HistoryService,
    @Inject(AgencyDirectory) private readonly directory: AgencyDirectory,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async list(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListReviewsQuery,
    @Res() res: Response,
  ) {
    await this.renderList(res, actor, agencyId, query, 200, {});
  }

  @Post()
  @RequirePermission('agency.write')
  async create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(CreateReviewDto) form: FormInput<CreateReviewDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) =>
        `/agencies/${agencyId}/reviews/${(await this.reviews.create(actor, agencyId, dto)).id}?created=1`,
      page: (state) => this.renderList(res, actor, agencyId, {}, state.status, state),
    });
  }

  @Get(':reviewId')
  @RequirePermission('agency.read')
  async detail(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Query('saved') saved: string | undefined,
    @Res() res: Response,
  ) {
    await this.renderDetail(res, actor, agencyId, reviewId, 200, { saved: Boolean(saved) });
  }

  @Post(':reviewId')
  @RequirePermission('agency.write')
  async update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @FormBody(UpdateReviewDto) form: FormInput<UpdateReviewDto>,
    @Res() res: Response,
  ) {
    // A multi-select sends nothing when emptied: the form carries the unit list.
    await this.attempt(res, actor, agencyId, reviewId, 'review', form.withDefaults({ unitIds: [] }), (dto) =>
      this.reviews.update(actor, agencyId, reviewId, dto),
    );
  }

  @Post(':reviewId/follow-ups')
  @RequirePermission('agency.write')
  async addFollowUp(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @FormBody(CreateFollowUpDto) form: FormInput<CreateFollowUpDto>,
    @Res() res: Response,
  ) {
    await this.attempt(res, actor, agencyId, reviewId, 'new', form, (dto) =>
      this.followUps.create(actor, agencyId, reviewId, dto),
    );
  }

  @Post(':reviewId/follow-ups/:followUpId')
  @RequirePermission('agency.write')
  async updateFollowUp(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
    @FormBody(UpdateFollowUpDto) form: FormInput<UpdateFollowUpDto>,
    @Res() res: Response,
  ) {
    await this.attempt(res, actor, agencyId, reviewId, followUpId, form, (dto) =>
      this.followUps.update(actor, agencyId, reviewId, followUpId, dto),
    );
  }

  /**
   * Runs a form's change, then back to the review; a refused change shows the review page again
   * with the message and what was entered in the form it came from (`review`, `new` follow-up,
   * or a follow-up's id).
   */
  private async attempt<T extends object>(
    res: Response,
    actor: Actor,
    agencyId: string,
    reviewId: string,
    target: string,
    form: FormInput<T>,
    work: (dto: T) => Promise<unknown>,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await work(dto);
        return `/agencies/${agencyId}/reviews/${reviewId}?saved=1`;
      },
      page: (state) => this.renderDetail(res, actor, agencyId, reviewId, state.status, { ...state, target }),
      at: `/agencies/${agencyId}/reviews/${reviewId}`,
    });
  }

  private async renderList(
    res: Response,
    actor: Actor,
    agencyId: string,
    query: ListReviewsQuery,
    status: number,
    model: object,
  ) {
    const page = await this.reviews.list(agencyId, query);
    res.status(status).render('pages/reviews', {
      ...pageModel(res, actor, agencyId, 'reviews', 'data.reviews.title'),
      page,
      pager: pager(page, { ...query }, `/agencies/${agencyId}/reviews`),
      query,
      subjects: options(REVIEW_SUBJECTS, 'data.subject'),
      ...model,
    });
  }

  private async renderDetail(
    res: Response,
    actor: Actor,
    agencyId: string,
    reviewId: string,
    status: number,
    model: Partial<FormState> & { saved?: boolean; target?: string },
  ) {
    const { target, form, ...shown } = model;
    const entered = { form };
    const stored = await this.reviews.get(agencyId, reviewId);
    const review = target === 'review' ? withEntered(stored, entered) : stored;
    const unitIds = [review.unitIds].flat();
    const followUps = await this.followUps.list(agencyId, reviewId, { pageSize: 200 });
    const units = await this.directory.unitNames(agencyId);
    res.status(status).render('pages/review', {
      ...pageModel(res, actor, agencyId, 'reviews', 'data.reviews.title'),
      review,
      followUps: followUps.items.map((f) => (f.id === target ? withEntered(f, entered) : f)),
      newFollowUp: target === 'new' ? form : undefined,
      subjects: options(REVIEW_SUBJECTS, 'data.subject'),
      followUpStatuses: options(FOLLOW_UP_STATUSES, 'data.followUpStatus'),
      units: units.map((u) => ({ ...u, selected: unitIds.includes(u.id) })),
      history: historyModel(
        await this.history.find(agencyId, 'review', reviewId),
        requestLang(res),
        await this.directory.recordNames(agencyId, requestLang(res)),
      ),
      ...shown,
    });
  }
}
