import {
  Controller,
  Get,
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
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, reachesUnit } from '../access/actor';
import { requestLang } from '../i18n/language.middleware';
import { FormBody, FormInput, FormState, submitForm } from '../web/page-form';
import { importUpload } from './hub.controller';
import { HubContextService } from './hub-context.service';
import { HubEvidenceService } from './hub-evidence.service';
import { HubFiguresService } from './hub-figures.service';
import { HubHealthService } from './hub-health.service';
import { HubImportOutcome, HubImportService } from './hub-import.service';
import { HubRulesService } from './hub-rules.service';
import { HubUploadedFile, removeUpload } from './hub-upload';
import { EvidenceRequestDto, HubImportPageFields, HubPageQuery, LinkDto } from './hub.dto';
import { FORMAT_OPTIONS, TEMPLATES, figuresView, figuresYear, hubPageModel } from './hub.view';
import { PeriodLookup } from '../periods/period-lookup';
import { refuse } from '../i18n/refusal';

/** The hub pages: overview with import form and history, and the figures of one unit. */
@ApiExcludeController()
@Controller('agencies/:agencyId/hub')
export class HubPagesController {
  constructor(
    @Inject(HubImportService) private readonly importer: HubImportService,
    @Inject(HubFiguresService) private readonly figures: HubFiguresService,
    @Inject(HubRulesService) private readonly rules: HubRulesService,
    @Inject(HubEvidenceService) private readonly evidence: HubEvidenceService,
    @Inject(HubContextService) private readonly context: HubContextService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(HubHealthService) private readonly health: HubHealthService,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async overview(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: HubPageQuery,
    @Res() res: Response,
  ) {
    await this.renderOverview(res, actor, agencyId, 200, { year: query.year, importedId: query.imported });
  }

  @Post('imports')
  @RequirePermission('agency.write')
  @UseInterceptors(FileInterceptor('file'))
  async upload(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(HubImportPageFields) form: FormInput<HubImportPageFields>,
    @UploadedFile() upload: HubUploadedFile | undefined,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (fields) => {
        const outcome = await importUpload(this.importer, actor, agencyId, upload, fields, 'web');
        if (outcome.status === 'rejected') {
          return this.renderOverview(res, actor, agencyId, 422, { rejected: outcome });
        }
        const back =
          fields.returnTo === 'rules' ? `/agencies/${agencyId}/hub/rules` : `/agencies/${agencyId}/hub`;
        return `${back}?imported=${outcome.import.id}`;
      },
      page: async (state) => {
        await removeUpload(upload);
        await this.renderOverview(res, actor, agencyId, state.status, state);
      },
      at: `/agencies/${agencyId}/hub`,
    });
  }

  @Post('evidence')
  @RequirePermission('evidence.upload')
  async generateEvidence(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(EvidenceRequestDto) form: FormInput<EvidenceRequestDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        const created = await this.evidence.generate(actor, agencyId, dto.unitId ?? null, dto.year);
        return `/agencies/${agencyId}/evidence/${created.evidenceId}?created=1`;
      },
      page: (state) => this.renderOverview(res, actor, agencyId, state.status, state),
      at: `/agencies/${agencyId}/hub`,
    });
  }

  @Post('links')
  @RequirePermission('agency.write')
  async link(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(LinkDto) form: FormInput<LinkDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.rules.link(actor, agencyId, dto.kind, dto.id, dto.applicationId ?? null);
        const back = dto.unitId
          ? `/agencies/${agencyId}/hub/units/${dto.unitId}`
          : `/agencies/${agencyId}/hub`;
        return `${back}?saved=1`;
      },
      page: (state) => this.renderOverview(res, actor, agencyId, state.status, state),
      at: `/agencies/${agencyId}/hub`,
    });
  }

  @Get('units/:unitId')
  @RequirePermission('agency.read')
  async unit(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('unitId', ParseUUIDPipe) unitId: string,
    @Query() query: HubPageQuery,
    @Res() res: Response,
  ) {
    const unit = await this.context.unit(agencyId, unitId);
    if (!unit) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'unitId' });
    const year = await figuresYear(this.periods, query.year);
    const figures = await this.figures.compute(agencyId, year, unit.id);
    res.render('hub/unit', {
      ...hubPageModel(res, actor, agencyId, 'hub.unit.title'),
      unit,
      year,
      figures: figuresView(figures, requestLang(res)),
      candidates: await this.rules.linkCandidates(agencyId, unit.id),
      applications: await this.context.applications(unit.id),
      canLink: reachesUnit(actor, agencyId, unit.id),
      saved: query.saved !== undefined,
    });
  }

  private async renderOverview(
    res: Response,
    actor: Actor,
    agencyId: string,
    status: number,
    extra: { year?: number; importedId?: string; rejected?: HubImportOutcome } & Partial<FormState>,
  ) {
    const year = await figuresYear(this.periods, extra.year);
    const figures = await this.figures.compute(agencyId, year, null);
    const history = await this.context.importHistory(agencyId, 50);
    const lang = requestLang(res);
    res.status(status).render('hub/overview', {
      ...hubPageModel(res, actor, agencyId, 'hub.title'),
      year,
      figures: figuresView(figures, requestLang(res)),
      endpoints: await this.health.endpoints(agencyId),
      history: history.map((i) => ({ ...importInLang(lang, i), shortSha: i.sha256.slice(0, 16) })),
      imported: extra.importedId ? history.find((i) => i.id === extra.importedId) : undefined,
      hubs: await this.context.instances(agencyId),
      units: await this.context.units(agencyId),
      unmappedCount: (await this.rules.unmapped(agencyId)).length,
      templates: TEMPLATES,
      formats: FORMAT_OPTIONS,
      lifecycles: ['PUBLISHED', 'DEPRECATED', 'PROTOTYPED', 'CREATED', 'BLOCKED', 'RETIRED'],
      formError: extra.formError,
      fieldErrors: extra.fieldErrors,
      form: extra.form,
      rejected: extra.rejected ? outcomeInLang(lang, extra.rejected) : undefined,
    });
  }
}
