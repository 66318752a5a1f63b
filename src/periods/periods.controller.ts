import { Body, Controller, Get, Inject, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import type { FrameworkPackage } from '../framework/framework-package.zod';
import { CreatePeriodDto, PeriodView, UpdatePeriodDto } from './periods.dto';
import { PeriodsService } from './periods.service';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('api/v1/periods')
export class PeriodsController {
  constructor(@Inject(PeriodsService) private readonly periods: PeriodsService) {}

  @Get()
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: [PeriodView] })
  list(): Promise<PeriodView[]> {
    return this.periods.list();
  }

  @Post()
  @RequirePermission('period.manage')
  @ApiCreatedResponse({ type: PeriodView })
  @ApiConflictResponse({ description: 'A period for the year exists.' })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePeriodDto): Promise<PeriodView> {
    return this.periods.create(actor, body);
  }

  @Get(':year')
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: PeriodView })
  get(@Param('year', ParseIntPipe) year: number): Promise<PeriodView> {
    return this.periods.get(year);
  }

  @Get(':year/framework')
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The framework package the period chose (docs/frameworks.md).' })
  framework(@Param('year', ParseIntPipe) year: number): Promise<FrameworkPackage> {
    return this.periods.framework(year);
  }

  @Patch(':year')
  @RequirePermission('period.manage')
  @ApiOkResponse({ type: PeriodView })
  @ApiConflictResponse({ description: 'Someone else changed the period since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: UpdatePeriodDto,
  ): Promise<PeriodView> {
    return this.periods.update(actor, year, body);
  }
}
