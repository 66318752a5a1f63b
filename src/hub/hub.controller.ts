import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { HubContextRepository } from './hub-context.repository';
import { HubEvidenceService } from './hub-evidence.service';
import { HubFiguresService } from './hub-figures.service';
import { HubHealthService } from './hub-health.service';
import { HubImportOutcome, HubImportService } from './hub-import.service';
import { HubImportsRepository } from './hub-imports.repository';
import { HubRulesService } from './hub-rules.service';
import { HubUploadedFile, removeUpload, requireUpload } from './hub-upload';
import {
  AssignDto,
  EvidenceRequestDto,
  FiguresQuery,
  HubImportFields,
  HubImportUpload,
  LinkDto,
  RuleDto,
  uptimeOptions,
} from './hub.dto';
import { figuresYear } from './hub.view';
import { TEMPLATE_FILE_NAMES, templateExample, type TemplateId } from './parsers';
import { PeriodLookup } from '../periods/period-lookup';

const HTTP_STATUS: Record<HubImportOutcome['status'], number> = {
  created: 201,
  duplicate: 200,
  rejected: 422,
};

/** Runs one uploaded hub file through the import service; the temporary file is always removed. */
export async function importUpload(
  service: HubImportService,
  actor: Actor,
  agencyId: string,
  upload: HubUploadedFile | undefined,
  fields: HubImportFields,
  channel: 'web' | 'api',
): Promise<HubImportOutcome> {
  try {
    const file = requireUpload(upload);
    return await service.import(actor, agencyId, file.path, {
      fileName: file.displayName,
      format: fields.format,
      skipBad: fields.skipBad ?? false,
      hubId: fields.hubId,
      uptime: uptimeOptions(fields.uptimeRanges, fields.uptimeRatios, fields.uptimeFetchedAt),
      lifecycleStatus: fields.lifecycleStatus,
      channel,
    });
  } finally {
    await removeUpload(upload);
  }
}

@ApiTags('hub')
@ApiBearerAuth()
@Controller('api/v1')
export class HubController {
  constructor(
    @Inject(HubImportService) private readonly importer: HubImportService,
    @Inject(HubImportsRepository) private readonly imports: HubImportsRepository,
    @Inject(HubFiguresService) private readonly figures: HubFiguresService,
    @Inject(HubRulesService) private readonly rules: HubRulesService,
    @Inject(HubEvidenceService) private readonly evidence: HubEvidenceService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(HubContextRepository) private readonly context: HubContextRepository,
    @Inject(HubHealthService) private readonly health: HubHealthService,
  ) {}

  @Post('agencies/:agencyId/hub-imports')
  @RequirePermission('agency.write')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: HubImportUpload })
  @ApiCreatedResponse({ description: 'Imported: the import record with its provenance and counts.' })
  @ApiOkResponse({ description: 'The same file (SHA-256) was imported before; nothing changed.' })
  @ApiUnprocessableEntityResponse({ description: 'Problems (line or entry/JSON path, reason; first 100).' })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() fields: HubImportFields,
    @UploadedFile() upload: HubUploadedFile | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await importUpload(this.importer, actor, agencyId, upload, fields, 'api');
    res.status(HTTP_STATUS[outcome.status]);
    return outcome;
  }

  @Get('agencies/:agencyId/hub-imports')
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The latest 100 imports and attempts, newest first, with provenance.' })
  list(@Param('agencyId', ParseUUIDPipe) agencyId: string) {
    return this.imports.list(agencyId);
  }

  @Get('agencies/:agencyId/hub/figures')
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description: 'Figures per agency or unit for a year: APIs, consumers, calls, latency, uptime, SPLP.',
  })
  async figuresOf(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Query() query: FiguresQuery) {
    // A unit of another agency is as unknown here as any other id of it.
    if (query.unitId && !(await this.context.unit(agencyId, query.unitId)))
      throw new NotFoundException('unitId: not a unit of this agency.');
    const year = await figuresYear(this.periods, query.year);
    const figures = await this.figures.compute(agencyId, year, query.unitId ?? null);
    return { ...figures, endpoints: await this.health.endpoints(agencyId) };
  }

  @Get('agencies/:agencyId/hub/rules')
  @RequirePermission('agency.read')
  listRules(@Param('agencyId', ParseUUIDPipe) agencyId: string) {
    return this.rules.list(agencyId);
  }

  @Post('agencies/:agencyId/hub/rules')
  @RequirePermission('agency.write')
  async addRule(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: RuleDto,
  ) {
    return { id: await this.rules.add(actor, agencyId, body) };
  }

  @Delete('agencies/:agencyId/hub/rules/:hubRuleId')
  @RequirePermission('agency.write')
  @HttpCode(204)
  async removeRule(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('hubRuleId', ParseUUIDPipe) ruleId: string,
  ) {
    await this.rules.remove(actor, agencyId, ruleId);
  }

  @Get('agencies/:agencyId/hub/unmapped')
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'Hub APIs and applications no rule attributes to a unit.' })
  unmapped(@Param('agencyId', ParseUUIDPipe) agencyId: string) {
    return this.rules.unmapped(agencyId);
  }

  @Post('agencies/:agencyId/hub/assignments')
  @RequirePermission('agency.write')
  async assign(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: AssignDto,
  ) {
    return { ruleId: await this.rules.assign(actor, agencyId, body.kind, body.id, body.unitId) };
  }

  @Post('agencies/:agencyId/hub/links')
  @RequirePermission('agency.write')
  @HttpCode(204)
  async link(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: LinkDto,
  ) {
    await this.rules.link(actor, agencyId, body.kind, body.id, body.applicationId ?? null);
  }

  @Post('agencies/:agencyId/hub/evidence')
  @RequirePermission('evidence.upload')
  @ApiCreatedResponse({ description: 'The api_list evidence item (submitted) with its PDF and CSV.' })
  generateEvidence(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: EvidenceRequestDto,
  ) {
    return this.evidence.generate(actor, agencyId, body.unitId ?? null, body.year);
  }

  @Get('hub/templates/:template')
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'A CSV template (usage, uptime, units, hubs) with an example row.' })
  template(@Param('template') template: string, @Res() res: Response) {
    const id = template.replace(/\.csv$/, '') as TemplateId;
    if (!(id in TEMPLATE_FILE_NAMES))
      throw new BadRequestException('template: one of usage, uptime, units, hubs.');
    res.type('text/csv; charset=utf-8').attachment(TEMPLATE_FILE_NAMES[id]).send(templateExample(id));
  }
}
