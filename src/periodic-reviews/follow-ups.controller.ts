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
import { PageQuery } from '../kernel/paging';
import { FollowUpsService } from './follow-ups.service';
import { CreateFollowUpDto, FollowUpPage, FollowUpView, UpdateFollowUpDto } from './reviews.dto';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups')
export class FollowUpsController {
  constructor(@Inject(FollowUpsService) private readonly followUps: FollowUpsService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List follow-ups of a review',
    description: 'The follow-ups of one review, paged.',
    errors: { 400: true, 404: true },
  })
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
  @ApiOperationDoc({
    summary: 'Record a follow-up',
    description: 'Records what was done about a finding of the review, with its status, date and evidence.',
    errors: { 400: true, 404: true },
    body: {
      finding: 'Dokumentasi API belum lengkap',
      status: 'done',
      date: '2026-01-20',
      evidenceIds: ['9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0'],
    },
  })
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
  @ApiOperationDoc({
    summary: 'Read a follow-up',
    description: 'One follow-up of a review.',
    errors: { 400: true, 404: true },
  })
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
  @ApiOperationDoc({
    summary: 'Change a follow-up',
    description: 'Changes a follow-up. Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the follow-up since you read it.' },
    body: { version: 1, status: 'done', date: '2026-02-01' },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: FollowUpView })
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
  @ApiOperationDoc({
    summary: 'Delete a follow-up',
    description: 'Deletes a follow-up of a review.',
    errors: { 400: true, 404: true },
  })
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
