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
import { CreateUnitDto, ListUnitsQuery, UnitPage, UnitView, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/units')
export class UnitsController {
  constructor(@Inject(UnitsService) private readonly units: UnitsService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List units',
    description: 'The work units of the agency, paged, filterable by scope, kind and text.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: UnitPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListUnitsQuery,
  ): Promise<UnitPage> {
    return this.units.list(agencyId, query);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Create a unit',
    description:
      'Adds a work unit (perangkat daerah) to the agency; the code is unique in the agency. Levels are recomputed at once.',
    errors: { 400: true, 404: true, 409: 'The code is taken in this agency.' },
    body: { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas', inScope: true },
  })
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: UnitView })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreateUnitDto,
  ): Promise<UnitView> {
    return this.units.create(actor, agencyId, body);
  }

  @Get(':unitId')
  @ApiOperationDoc({
    summary: 'Read a unit',
    description: 'One work unit with its scope and the number of its applications.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: UnitView })
  get(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('unitId', ParseUUIDPipe) unitId: string) {
    return this.units.get(agencyId, unitId);
  }

  @Patch(':unitId')
  @ApiOperationDoc({
    summary: 'Change a unit',
    description:
      'Changes a work unit. Send the version you read; a stale one answers 409. Taking a unit out of scope needs a reason.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the unit since you read it.' },
    body: {
      version: 1,
      inScope: false,
      outOfScopeReason: 'Unit dilebur ke Dinas Kesehatan sejak Juli 2026.',
    },
  })
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: UnitView })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: UpdateUnitDto,
  ): Promise<UnitView> {
    return this.units.update(actor, agencyId, unitId, body);
  }

  @Delete(':unitId')
  @ApiOperationDoc({
    summary: 'Delete a unit',
    description: 'Deletes a work unit that has no applications left.',
    errors: { 400: true, 404: true, 409: 'The unit still has applications.' },
  })
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('unitId', ParseUUIDPipe) unitId: string,
  ): Promise<void> {
    return this.units.remove(actor, agencyId, unitId);
  }
}
