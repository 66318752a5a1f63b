import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { ParseIndicatorPipe } from '../../assessments/parse-indicator.pipe';
import { isLang } from '../../i18n/i18n';
import { DifferencesService } from './differences.service';
import { ReviewDecisionsService } from './review-decisions.service';
import { ReturnDto, ValidationDto, YearQuery } from './review.dto';
import { ReviewQueueService } from './review-queue.service';
import { ValidationService } from './validation.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class ReviewController {
  constructor(
    @Inject(ReviewQueueService) private readonly queue: ReviewQueueService,
    @Inject(ReviewDecisionsService) private readonly decisions: ReviewDecisionsService,
    @Inject(ValidationService) private readonly validation: ValidationService,
    @Inject(DifferencesService) private readonly differences: DifferencesService,
  ) {}

  @Get('review')
  @RequirePermission('evidence.review')
  @ApiOkResponse({
    description: 'Agencies to review in the period (assigned ones; admins: all) with evidence counts.',
  })
  async agencies(@CurrentActor() actor: Actor, @Query() query: YearQuery) {
    const period = await this.queue.period(query.year);
    return { year: period.year, stage: period.stage, agencies: await this.queue.queue(actor, period) };
  }

  @Get('agencies/:agencyId/periods/:year/review')
  @RequirePermission('evidence.review')
  @ApiOkResponse({
    description:
      'The four values per indicator and every sent evidence item with files, last decision and open round.',
  })
  async agency(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Query() query: YearQuery,
  ) {
    const period = await this.queue.period(year);
    return this.queue.agency(actor, agencyId, period, isLang(query.lang) ? query.lang : 'id');
  }

  @Post('agencies/:agencyId/evidence/:evidenceId/return')
  @RequirePermission('evidence.review_internal')
  @ApiCreatedResponse({ description: 'Returned to the operators (needs_revision) before submission.' })
  @ApiConflictResponse({ description: 'After submission, not a submitted item, or a stale version.' })
  returnItem(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: ReturnDto,
  ) {
    return this.decisions.decide(
      actor,
      agencyId,
      evidenceId,
      { ...body, status: 'needs_revision' },
      'internal',
    );
  }

  @Put('agencies/:agencyId/periods/:year/assessments/:indicator/validation')
  @RequirePermission('assessment.validate')
  @ApiOkResponse({ description: 'The validated level with its note.' })
  @ApiBadRequestResponse({ description: 'A level different from the verified one without a note.' })
  @ApiConflictResponse({ description: 'Not a review stage, or a stale version.' })
  async validate(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
    @Body() body: ValidationDto,
  ) {
    return this.validation.validate(actor, agencyId, await this.queue.period(year), indicator, body);
  }

  @Get('agencies/:agencyId/periods/:year/differences')
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'Claimed against validated levels of the agency.' })
  async agencyDifferences(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
  ) {
    return this.differences.list(actor, await this.queue.period(year), agencyId);
  }

  @Get('periods/:year/differences')
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description: 'Claimed against validated levels of every agency you may see, with a summary.',
  })
  async nationalDifferences(@CurrentActor() actor: Actor, @Param('year', ParseIntPipe) year: number) {
    return this.differences.list(actor, await this.queue.period(year));
  }
}
