import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { CreateReviewDto, ListReviewsQuery, ReviewPage, ReviewView, UpdateReviewDto } from './reviews.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/reviews')
export class ReviewsController {
  constructor(@Inject(ReviewsService) private readonly reviews: ReviewsService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List reviews',
    description: 'The periodic reviews (of the SPL or the policy) of the agency, paged.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ReviewPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListReviewsQuery,
  ): Promise<ReviewPage> {
    return this.reviews.list(agencyId, query);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Record a review',
    description:
      'Records a periodic review of the SPL or the policy: date, units covered, findings and evidence.',
    errors: { 400: true, 404: true },
    body: {
      subject: 'spl',
      date: '2025-11-20',
      allUnits: true,
      findings: 'Dua API belum terdokumentasi.',
      evidenceIds: ['9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0'],
    },
  })
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: ReviewView })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreateReviewDto,
  ): Promise<ReviewView> {
    return this.reviews.create(actor, agencyId, body);
  }

  @Get(':reviewId')
  @ApiOperationDoc({
    summary: 'Read a review',
    description: 'One review with its units, follow-ups and linked evidence.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ReviewView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
  ) {
    return this.reviews.get(agencyId, reviewId);
  }

  @Patch(':reviewId')
  @ApiOperationDoc({
    summary: 'Change a review',
    description: 'Changes a review. Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the review since you read it.' },
    body: { version: 1, findings: 'Dua API belum terdokumentasi; satu sudah diperbaiki.' },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: ReviewView })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Body() body: UpdateReviewDto,
  ): Promise<ReviewView> {
    return this.reviews.update(actor, agencyId, reviewId, body);
  }

  @Delete(':reviewId')
  @ApiOperationDoc({
    summary: 'Delete a review',
    description: 'Deletes a review with its follow-ups.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
  ): Promise<void> {
    return this.reviews.remove(actor, agencyId, reviewId);
  }
}
