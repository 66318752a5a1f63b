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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
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
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ReviewPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListReviewsQuery,
  ): Promise<ReviewPage> {
    return this.reviews.list(agencyId, query);
  }

  @Post()
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
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: ReviewView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
  ) {
    return this.reviews.get(agencyId, reviewId);
  }

  @Patch(':reviewId')
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: ReviewView })
  @ApiConflictResponse({ description: 'Someone else changed the review since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Body() body: UpdateReviewDto,
  ): Promise<ReviewView> {
    return this.reviews.update(actor, agencyId, reviewId, body);
  }

  @Delete(':reviewId')
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
