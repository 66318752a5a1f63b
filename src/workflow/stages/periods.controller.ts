import { Body, Controller, Get, Inject, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../../web/api-doc';
import { CurrentActor, RequirePermission } from '../../access/access.decorators';
import { Actor } from '../../access/actor';
import type { FrameworkPackage } from '../../framework/framework-package.zod';
import { CreatePeriodDto, PeriodView, UpdatePeriodDto } from './periods.dto';
import { PeriodsService } from './periods.service';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('api/v1/periods')
export class PeriodsController {
  constructor(@Inject(PeriodsService) private readonly periods: PeriodsService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List periods',
    description: 'The evaluation periods (one per year) with their stage, edition and dates.',
    errors: {},
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: [PeriodView] })
  list(): Promise<PeriodView[]> {
    return this.periods.list();
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Open a period',
    description:
      'Opens the evaluation period of a year with its edition, framework, coverage target and stage dates.',
    errors: { 400: true, 409: 'A period for the year exists.' },
    body: {
      year: 2026,
      asOf: '2026-10-31',
      edition: 'B',
      frameworkVersion: 'spbe-2020',
      reviewWindowMonths: 12,
      selfAssessmentStart: '2026-01-05',
      selfAssessmentEnd: '2026-06-30',
    },
  })
  @RequirePermission('period.manage')
  @ApiCreatedResponse({ type: PeriodView })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePeriodDto): Promise<PeriodView> {
    return this.periods.create(actor, body);
  }

  @Get(':year')
  @ApiOperationDoc({
    summary: 'Read a period',
    description: 'One evaluation period with its stage and dates.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: PeriodView })
  get(@Param('year', ParseIntPipe) year: number): Promise<PeriodView> {
    return this.periods.get(year);
  }

  @Get(':year/framework')
  @ApiOperationDoc({
    summary: "A period's framework package",
    description: 'The framework package and version the period chose (docs/frameworks.md), as stored.',
    errors: { 400: true, 404: 'No period of that year.' },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The framework package the period chose (docs/frameworks.md).' })
  framework(@Param('year', ParseIntPipe) year: number): Promise<FrameworkPackage> {
    return this.periods.framework(year);
  }

  @Patch(':year')
  @ApiOperationDoc({
    summary: 'Change a period',
    description:
      'Changes the dates or settings of a period. Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the period since you read it.' },
    body: { version: 2, asOf: '2026-11-15', selfAssessmentEnd: '2026-07-15' },
  })
  @RequirePermission('period.manage')
  @ApiOkResponse({ type: PeriodView })
  update(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: UpdatePeriodDto,
  ): Promise<PeriodView> {
    return this.periods.update(actor, year, body);
  }
}
