import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseEnumPipe,
  ParseUUIDPipe,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { RequirePermission } from '../access/access.decorators';
import { HISTORY_TYPES, HistoryEntry } from './history.repository';
import { HistoryService } from './history.service';
import { refuse } from '../i18n/refusal';

@ApiTags('history')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/history')
export class HistoryController {
  constructor(@Inject(HistoryService) private readonly history: HistoryService) {}

  @Get(':entityType/:entityId')
  @ApiOperationDoc({
    summary: 'Change history of a record',
    description: 'Who changed the record, when, and the record before and after each change.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'Who changed the record, when, and the record before and after.' })
  async list(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('entityType', new ParseEnumPipe(Object.fromEntries(HISTORY_TYPES.map((t) => [t, t]))))
    entityType: string,
    @Param('entityId', ParseUUIDPipe) entityId: string,
  ): Promise<HistoryEntry[]> {
    // Kept after a record is deleted, so it is not looked up; no entry in this agency is a 404.
    const entries = await this.history.find(agencyId, entityType, entityId);
    if (entries.length === 0)
      throw refuse(NotFoundException, 'msg.history.none', { type: entityType, id: entityId });
    return entries;
  }
}
