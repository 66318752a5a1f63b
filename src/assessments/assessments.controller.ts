import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { isLang } from '../i18n/i18n';
import { ParseAnyIndicatorPipe } from './parse-indicator.pipe';
import { ClaimDto } from './assessments.dto';
import { AssessmentsService, AssessmentView } from './assessments.service';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/periods/:year/assessments')
export class AssessmentsController {
  constructor(@Inject(AssessmentsService) private readonly assessments: AssessmentsService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'Assessments of an agency',
    description:
      'Per indicator the claimed, supported, verified and validated levels, the justification, and the version to send with a change.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiQuery({ name: 'lang', required: false, enum: ['id', 'en'] })
  @ApiOkResponse({
    description: 'Claimed, supported, verified and validated levels per indicator, with what is missing.',
  })
  view(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Query('lang') lang?: string,
  ): Promise<AssessmentView> {
    return this.assessments.view(agencyId, year, isLang(lang) ? lang : 'id');
  }

  @Put(':indicator')
  @ApiOperationDoc({
    summary: 'Claim a level',
    description:
      'Records the level the agency claims for Indicator 7 or 18 with its justification. For a period on the Pemdi 2026 framework: any indicator entered as a level or assessed by evidence (1 to 20, not the externally scored I5, I6, I7, I18), a level 1 to 5 and `evidenceIds` (at least one evidence item of the agency in the period); the index is computed again. Allowed during self-assessment before submission.',
    errors: { 400: true, 404: true, 409: 'Stale version, or the assessment was submitted.' },
    body: {
      claimedLevel: 3,
      justification: 'Semua unit dalam lingkup memakai SPL untuk integrasi; lihat daftar API.',
      version: 2,
    },
  })
  @RequirePermission('assessment.claim')
  @HttpCode(204)
  async claim(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseAnyIndicatorPipe) indicator: number,
    @Body() body: ClaimDto,
  ): Promise<void> {
    await this.assessments.claim(actor, agencyId, year, indicator, body);
  }
}
