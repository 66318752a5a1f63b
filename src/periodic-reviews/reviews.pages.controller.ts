import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { AgencyDirectory } from '../agencies/agency-directory';
import { requestLang } from '../i18n/language.middleware';
import { formError, parseForm } from '../kernel/forms';
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
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      const review = await this.reviews.create(actor, agencyId, await parseForm(CreateReviewDto, body));
      res.redirect(303, `/agencies/${agencyId}/reviews/${review.id}?saved=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.renderList(res, actor, agencyId, {}, status, { formError: message, form: body });
    }
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
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.attempt(res, actor, agencyId, reviewId, async () => {
      await this.reviews.update(
        actor,
        agencyId,
        reviewId,
        await parseForm(UpdateReviewDto, { unitIds: [], ...body }),
      );
    });
  }

  @Post(':reviewId/follow-ups')
  @RequirePermission('agency.write')
  async addFollowUp(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.attempt(res, actor, agencyId, reviewId, async () => {
      await this.followUps.create(actor, agencyId, reviewId, await parseForm(CreateFollowUpDto, body));
    });
  }

  @Post(':reviewId/follow-ups/:followUpId')
  @RequirePermission('agency.write')
  async updateFollowUp(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.attempt(res, actor, agencyId, reviewId, async () => {
      await this.followUps.update(
        actor,
        agencyId,
        reviewId,
        followUpId,
        await parseForm(UpdateFollowUpDto, body),
      );
    });
  }

  /** Runs a form's change, then back to the review; a refused change shows its message there. */
  private async attempt(
    res: Response,
    actor: Actor,
    agencyId: string,
    reviewId: string,
    work: () => Promise<void>,
  ) {
    try {
      await work();
      res.redirect(303, `/agencies/${agencyId}/reviews/${reviewId}?saved=1`);
    } catch (error) {
      const { status, message } = formError(error);
      await this.renderDetail(res, actor, agencyId, reviewId, status, { formError: message });
    }
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
    model: object,
  ) {
    const review = await this.reviews.get(agencyId, reviewId);
    const followUps = await this.followUps.list(agencyId, reviewId, { pageSize: 200 });
    const units = await this.directory.unitNames(agencyId);
    res.status(status).render('pages/review', {
      ...pageModel(res, actor, agencyId, 'reviews', 'data.reviews.title'),
      review,
      followUps: followUps.items,
      subjects: options(REVIEW_SUBJECTS, 'data.subject'),
      followUpStatuses: options(FOLLOW_UP_STATUSES, 'data.followUpStatus'),
      units: units.map((u) => ({ ...u, selected: review.unitIds.includes(u.id) })),
      history: historyModel(
        await this.history.find(agencyId, 'review', reviewId),
        requestLang(res),
        await this.directory.recordNames(agencyId, requestLang(res)),
      ),
      ...model,
    });
  }
}
