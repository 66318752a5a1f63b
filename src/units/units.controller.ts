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
import { CreateUnitDto, ListUnitsQuery, UnitPage, UnitView, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/units')
export class UnitsController {
  constructor(@Inject(UnitsService) private readonly units: UnitsService) {}

  @Get()
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: UnitPage })
  list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ListUnitsQuery,
  ): Promise<UnitPage> {
    return this.units.list(agencyId, query);
  }

  @Post()
  @RequirePermission('agency.write')
  @ApiCreatedResponse({ type: UnitView })
  @ApiConflictResponse({ description: 'The code is taken in this agency.' })
  create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreateUnitDto,
  ): Promise<UnitView> {
    return this.units.create(actor, agencyId, body);
  }

  @Get(':unitId')
  @RequirePermission('agency.read')
  @ApiOkResponse({ type: UnitView })
  get(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('unitId', ParseUUIDPipe) unitId: string) {
    return this.units.get(agencyId, unitId);
  }

  @Patch(':unitId')
  @RequirePermission('agency.write')
  @ApiOkResponse({ type: UnitView })
  @ApiConflictResponse({ description: 'Someone else changed the unit since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Body() body: UpdateUnitDto,
  ): Promise<UnitView> {
    return this.units.update(actor, agencyId, unitId, body);
  }

  @Delete(':unitId')
  @RequirePermission('agency.write')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The unit still has applications.' })
  remove(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('unitId', ParseUUIDPipe) unitId: string,
  ): Promise<void> {
    return this.units.remove(actor, agencyId, unitId);
  }
}
