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
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { isLang } from '../i18n/i18n';
import { ParseIndicatorPipe } from './parse-indicator.pipe';
import { ClaimDto } from './assessments.dto';
import { AssessmentsService, AssessmentView } from './assessments.service';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/periods/:year/assessments')
export class AssessmentsController {
  constructor(@Inject(AssessmentsService) private readonly assessments: AssessmentsService) {}

  @Get()
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
  @RequirePermission('assessment.claim')
  @HttpCode(204)
  @ApiConflictResponse({ description: 'Stale version, or the assessment was submitted.' })
  async claim(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('indicator', ParseIndicatorPipe) indicator: number,
    @Body() body: ClaimDto,
  ): Promise<void> {
    await this.assessments.claim(actor, agencyId, year, indicator, body);
  }
}
