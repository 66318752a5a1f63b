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
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import { ParseAnyIndicatorPipe } from '../../assessments/parse-indicator.pipe';
import { isLang } from '../../i18n/i18n';
import { DifferencesService } from './differences.service';
import { ReviewDecisionsService } from './review-decisions.service';
import { ReturnDto, ValidationDto, YearQuery } from './review.dto';
import { ReviewQueueService } from './review-queue.service';
import { LevelValidationService } from './level-validation.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class ReviewController {
  constructor(
    @Inject(ReviewQueueService) private readonly queue: ReviewQueueService,
    @Inject(ReviewDecisionsService) private readonly decisions: ReviewDecisionsService,
    @Inject(LevelValidationService) private readonly validation: LevelValidationService,
    @Inject(DifferencesService) private readonly differences: DifferencesService,
  ) {}

  @Get('review')
  @ApiOperationDoc({
    summary: 'Review queue',
    description:
      'Agencies to review in the period (assigned ones; admins: all) with the count of evidence items to decide.',
    errors: { 400: true },
  })
  @RequirePermission('evidence.review')
  @ApiOkResponse({
    description: 'Agencies to review in the period (assigned ones; admins: all) with evidence counts.',
  })
  async agencies(@CurrentActor() actor: Actor, @Query() query: YearQuery) {
    const period = await this.queue.period(query.year);
    return { year: period.year, stage: period.stage, agencies: await this.queue.queue(actor, period) };
  }

  @Get('agencies/:agencyId/periods/:year/review')
  @ApiOperationDoc({
    summary: 'Review an agency',
    description:
      'The four values per indicator and every sent evidence item with its files, for the evaluator.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('evidence.review')
  @ApiOkResponse({
    description:
      'The four values per indicator and every sent evidence item with files, last decision and open round.',
  })
  async agency(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    // Texts in the language `?lang=` names, else Indonesian (whatever Accept-Language says).
    @Query('lang') lang: string | undefined,
  ) {
    const period = await this.queue.period(year);
    return this.queue.agency(actor, agencyId, period, isLang(lang) ? lang : 'id');
  }

  @Post('agencies/:agencyId/evidence/:evidenceId/return')
  @ApiOperationDoc({
    summary: 'Return an item for revision',
    description:
      'The internal assessor returns a submitted item to the operators (needs_revision) before the agency submits, with a reason.',
    errors: { 400: true, 404: true, 409: 'After submission, not a submitted item, or a stale version.' },
    body: { reasonCode: 'does_not_cover_unit', reason: 'Lampiran daftar unit belum ada.', version: 2 },
  })
  @RequirePermission('evidence.review_internal')
  @ApiCreatedResponse({ description: 'Returned to the operators (needs_revision) before submission.' })
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
  @ApiOperationDoc({
    summary: 'Validate a level',
    description:
      'The evaluator sets the validated level of an indicator; a level different from the verified one needs a note. For a period on the Pemdi 2026 framework: an indicator entered as a level or assessed by evidence, a level 1 to 5, a note when it differs from the claim; the index is computed again. Send the version you read.',
    errors: {
      400: 'A level different from the verified one without a note.',
      404: true,
      409: 'Not a review stage, or a stale version.',
    },
    body: { validatedLevel: 3, note: 'Kebijakan belum mencakup semua unit.', version: 5 },
  })
  @RequirePermission('assessment.validate')
  @ApiOkResponse({ description: 'The validated level with its note.' })
  async validate(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseAnyIndicatorPipe) indicator: number,
    @Body() body: ValidationDto,
  ) {
    return this.validation.validate(actor, agencyId, await this.queue.period(year), indicator, body);
  }

  @Get('agencies/:agencyId/periods/:year/differences')
  @ApiOperationDoc({
    summary: 'Claimed against validated',
    description: 'Claimed against validated levels of the agency, per indicator.',
    errors: { 400: true, 404: true },
  })
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
  @ApiOperationDoc({
    summary: 'Differences across agencies',
    description: 'Claimed against validated levels of every agency you may see, with a summary.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description: 'Claimed against validated levels of every agency you may see, with a summary.',
  })
  async nationalDifferences(@CurrentActor() actor: Actor, @Param('year', ParseIntPipe) year: number) {
    return this.differences.list(actor, await this.queue.period(year));
  }
}
