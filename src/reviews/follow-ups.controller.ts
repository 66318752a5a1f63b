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
import { PageQuery } from '../kernel/paging';
import { FollowUpsService } from './follow-ups.service';
import { CreateFollowUpDto, FollowUpPage, FollowUpView, UpdateFollowUpDto } from './reviews.dto';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups')
export class FollowUpsController {
  constructor(@Inject(FollowUpsService) private readonly followUps: FollowUpsService) {}

  @Get()
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: FollowUpPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Query() query: PageQuery,
  ): Promise<FollowUpPage> {
    return this.followUps.list(agencyId, reviewId, query);
  }

  @Post()
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: FollowUpView })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Body() body: CreateFollowUpDto,
  ): Promise<FollowUpView> {
    return this.followUps.create(actor, agencyId, reviewId, body);
  }

  @Get(':followUpId')
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: FollowUpView })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
  ): Promise<FollowUpView> {
    return this.followUps.get(agencyId, reviewId, followUpId);
  }

  @Patch(':followUpId')
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: FollowUpView })
  @ApiConflictResponse({ description: 'Someone else changed the follow-up since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
    @Body() body: UpdateFollowUpDto,
  ): Promise<FollowUpView> {
    return this.followUps.update(actor, agencyId, reviewId, followUpId, body);
  }

  @Delete(':followUpId')
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
  ): Promise<void> {
    return this.followUps.remove(actor, agencyId, reviewId, followUpId);
  }
}
