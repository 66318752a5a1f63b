import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { ApiOperationDoc } from '../web/api-doc';
import { CrosswalkCarryService } from './crosswalk-carry.service';
import { CrosswalkCommitDto, CrosswalkPreviewQuery } from './crosswalk.dto';

/** Carrying evidence into a period of a successor framework, re-tagged by its crosswalk. */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/periods/:year/evidence/crosswalk')
export class CrosswalkController {
  constructor(@Inject(CrosswalkCarryService) private readonly carry: CrosswalkCarryService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'Preview a carry-over by the crosswalk',
    description:
      "Lists each evidence item of the earlier period (default the year before) with the indicators it supports there and those its copy will support in this period by the crosswalk of this period's framework (mapped ones chosen by default, related ones offered). Writes nothing; the coordinator confirms with the POST.",
    errors: {
      400: true,
      404: 'No such period, or no such agency.',
      409: 'Both periods use the same framework, or the framework declares no crosswalk from the earlier one.',
    },
  })
  @RequirePermission('assessment.claim')
  preview(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Query() query: CrosswalkPreviewQuery,
  ) {
    return this.carry.preview(agencyId, year, query.fromYear);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Carry evidence over by the crosswalk (confirm)',
    description:
      'Copies the confirmed items of the earlier period into this one as drafts supporting the mapped indicators (or those chosen among the mapped and related), in one transaction with their files, history, audit entry and levels. Send the version the preview showed for each item.',
    errors: {
      400: 'No item, an item named twice, an indicator the crosswalk does not offer for an item, or an item with no mapped indicator.',
      404: 'An item that is not evidence of the earlier period of this agency.',
      409: 'An item changed since the preview, the stage lock, or no crosswalk between the periods.',
    },
    body: {
      fromYear: 2025,
      items: [
        { evidenceId: '9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0', version: 3 },
        { evidenceId: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a10', version: 1, indicators: ['I16', 'I18'] },
      ],
    },
  })
  @RequirePermission('assessment.claim')
  commit(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: CrosswalkCommitDto,
  ) {
    return this.carry.commit(actor, agencyId, year, body);
  }
}
