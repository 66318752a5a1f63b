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
import { importInLang, outcomeInLang } from './hub-problems.view';
import { RequestLang } from '../i18n/request-lang.decorator';
import { requestLang } from '../i18n/language.middleware';
import type { Lang } from '../i18n/i18n';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { HubContextService } from './hub-context.service';
import { HubEvidenceService } from './hub-evidence.service';
import { HubFiguresService } from './hub-figures.service';
import { HubHealthService } from './hub-health.service';
import { HubImportOutcome, HubImportService } from './hub-import.service';
import { HubRulesService } from './hub-rules.service';
import { HubUploadedFile, removeUpload, requireUpload } from './hub-upload';
import {
  AssignDto,
  DeviceFiguresView,
  EvidenceRequestDto,
  FIGURES_RESPONSE_SCHEMA,
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
import { refuse } from '../i18n/refusal';

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
    @Inject(HubFiguresService) private readonly figures: HubFiguresService,
    @Inject(HubRulesService) private readonly rules: HubRulesService,
    @Inject(HubEvidenceService) private readonly evidence: HubEvidenceService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(HubContextService) private readonly context: HubContextService,
    @Inject(HubHealthService) private readonly health: HubHealthService,
  ) {}

  @Post('agencies/:agencyId/hub-imports')
  @ApiOperationDoc({
    summary: 'Import hub data',
    description:
      'Imports a hub export (usage, uptime, API list, subscriptions) with its provenance. The same file twice changes nothing.',
    errors: {
      400: true,
      404: true,
      413: true,
      415: true,
      422: 'Problems (line or entry/JSON path, reason; first 100).',
    },
    body: { format: 'F1', file: '(binary: wso2-usage-2026-06.csv)', skipBad: false },
  })
  @RequirePermission('agency.write')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: HubImportUpload })
  @ApiCreatedResponse({ description: 'Imported: the import record with its provenance and counts.' })
  @ApiOkResponse({ description: 'The same file (SHA-256) was imported before; nothing changed.' })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() fields: HubImportFields,
    @UploadedFile() upload: HubUploadedFile | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await importUpload(this.importer, actor, agencyId, upload, fields, 'api');
    res.status(HTTP_STATUS[outcome.status]);
    return outcomeInLang(requestLang(res), outcome);
  }

  @Get('agencies/:agencyId/hub-imports')
  @ApiOperationDoc({
    summary: 'List hub imports',
    description:
      'The latest 100 hub imports and failed attempts of the agency, newest first, with provenance and counts.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The latest 100 imports and attempts, newest first, with provenance.' })
  async list(@Param('agencyId', ParseUUIDPipe) agencyId: string, @RequestLang() lang: Lang) {
    return (await this.context.importHistory(agencyId)).map((view) => importInLang(lang, view));
  }

  @Get('agencies/:agencyId/hub/figures')
  @ApiOperationDoc({
    summary: 'Hub figures',
    description:
      'Figures per agency or unit for a year from the imported hub data: APIs, consumers, calls, calls by device, latency and uptime.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiExtraModels(DeviceFiguresView)
  @ApiOkResponse({
    description:
      'Figures per agency or unit for a year: APIs, consumers, calls, calls by device (platform and browser family), latency, uptime, SPLP.',
    schema: FIGURES_RESPONSE_SCHEMA,
  })
  async figuresOf(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Query() query: FiguresQuery) {
    // A unit of another agency is as unknown here as any other id of it.
    if (query.unitId && !(await this.context.unit(agencyId, query.unitId)))
      throw refuse(NotFoundException, 'msg.units.not_of_agency', { field: 'unitId' });
    const year = await figuresYear(this.periods, query.year);
    const figures = await this.figures.compute(agencyId, year, query.unitId ?? null);
    return { ...figures, endpoints: await this.health.endpoints(agencyId) };
  }

  @Get('agencies/:agencyId/hub/rules')
  @ApiOperationDoc({
    summary: 'List hub mapping rules',
    description: 'The rules that attribute hub APIs and applications to work units.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  listRules(@Param('agencyId', ParseUUIDPipe) agencyId: string) {
    return this.rules.list(agencyId);
  }

  @Post('agencies/:agencyId/hub/rules')
  @ApiOperationDoc({
    summary: 'Add a hub mapping rule',
    description: 'Adds a rule that attributes hub APIs (by provider, context or tag) to a work unit.',
    errors: { 400: true, 404: true },
    body: { unitId: '5d2a9e71-3c4b-4f8a-b6e0-7a1c2d3e4f50', matchType: 'provider', matchValue: 'dinkes' },
  })
  @RequirePermission('agency.write')
  async addRule(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: RuleDto,
  ) {
    return { id: await this.rules.add(actor, agencyId, body) };
  }

  @Delete('agencies/:agencyId/hub/rules/:hubRuleId')
  @ApiOperationDoc({
    summary: 'Delete a hub mapping rule',
    description: 'Deletes a mapping rule; the attribution is recomputed.',
    errors: { 400: true, 404: true },
  })
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
  @ApiOperationDoc({
    summary: 'Unmapped hub entries',
    description: 'Hub APIs and applications that no rule attributes to a unit.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'Hub APIs and applications no rule attributes to a unit.' })
  unmapped(@Param('agencyId', ParseUUIDPipe) agencyId: string) {
    return this.rules.unmapped(agencyId);
  }

  @Post('agencies/:agencyId/hub/assignments')
  @ApiOperationDoc({
    summary: 'Assign a hub entry to a unit',
    description: 'Attributes one hub API or application to a work unit by hand.',
    errors: { 400: true, 404: true },
    body: {
      kind: 'api',
      id: '9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0',
      unitId: '5d2a9e71-3c4b-4f8a-b6e0-7a1c2d3e4f50',
    },
  })
  @RequirePermission('agency.write')
  async assign(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: AssignDto,
  ) {
    return { ruleId: await this.rules.assign(actor, agencyId, body.kind, body.id, body.unitId) };
  }

  @Post('agencies/:agencyId/hub/links')
  @ApiOperationDoc({
    summary: 'Link a hub entry to an application',
    description: "Links a hub API or hub application to one of the agency's applications.",
    errors: { 400: true, 404: true },
    body: {
      kind: 'api',
      id: '9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0',
      applicationId: '5d2a9e71-3c4b-4f8a-b6e0-7a1c2d3e4f50',
    },
  })
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
  @ApiOperationDoc({
    summary: 'Evidence from the hub API list',
    description:
      'Creates a submitted api_list evidence item (PDF and CSV) from the imported hub API list, for the agency or one unit.',
    errors: { 400: true, 404: true },
    body: { unitId: '5d2a9e71-3c4b-4f8a-b6e0-7a1c2d3e4f50', year: 2026 },
  })
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
  @ApiOperationDoc({
    summary: 'Hub import template',
    description: 'A CSV template (usage, uptime, units, hubs) with an example row.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'A CSV template (usage, uptime, units, hubs) with an example row.' })
  template(@Param('template') template: string, @Res() res: Response) {
    const id = template.replace(/\.csv$/, '') as TemplateId;
    if (!(id in TEMPLATE_FILE_NAMES))
      throw refuse(BadRequestException, 'msg.validation.one_of', {
        field: 'template',
        choices: 'usage, uptime, units, hubs',
      });
    res.type('text/csv; charset=utf-8').attachment(TEMPLATE_FILE_NAMES[id]).send(templateExample(id));
  }
}
