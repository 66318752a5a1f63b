import {
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor, FilesInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can } from '../access/actor';
import { Lang } from '../i18n/i18n';
import { evidenceIndicatorChoices } from '../framework/framework-package';
import { requestLang } from '../i18n/language.middleware';
import { RequestLang } from '../i18n/request-lang.decorator';
import { AgencyDirectory } from '../agencies/agency-directory';
import { pageModel } from '../kernel/agency-pages';
import { HistoryService } from '../history/history.service';
import { historyModel } from '../history/history.view';
import { WorkflowLock } from '../workflow-core/workflow-lock';
import { WorkflowAction } from '../workflow-core/stage-rules';
import { FormBody, FormInput, submitForm } from '../web/page-form';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { discardUploads } from './upload/upload-commit';
import { Evidence } from './evidence.entity';
import { UploadedEvidenceFile } from './upload/hashing-storage.engine';
import { EVIDENCE_KINDS, EVIDENCE_STATUSES } from './evidence.entity';
import {
  CarryForwardDto,
  CreateEvidenceDto,
  EvidenceQuery,
  EvidenceStatusDto,
  UpdateEvidenceDto,
} from './evidence.dto';
import { EvidenceFilesService } from './evidence-files.service';
import { EvidenceService } from './evidence.service';
import { evidenceView } from './evidence.view';
import { DiscardUploadsOnError } from './upload/discard-on-error.interceptor';
import { CREATE_FILE_FIELDS } from './upload/upload.options';

const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

@ApiExcludeController()
@Controller('agencies/:agencyId/evidence')
export class EvidencePagesController {
  constructor(
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
    @Inject(AgencyDirectory) private readonly directory: AgencyDirectory,
    @Inject(HistoryService) private readonly history: HistoryService,
    @Inject(EvidenceFilesService) private readonly files: EvidenceFilesService,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async library(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: EvidenceQuery,
    @Res() res: Response,
  ) {
    await this.renderLibrary(res, actor, agencyId, query, 200, {});
  }

  @Post()
  @RequirePermission('evidence.upload')
  @UseInterceptors(FileFieldsInterceptor(CREATE_FILE_FIELDS), DiscardUploadsOnError)
  async upload(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(CreateEvidenceDto) form: FormInput<CreateEvidenceDto>,
    @RequestLang() lang: Lang,
    @UploadedFiles() upload: { files?: UploadedEvidenceFile[]; snapshot?: UploadedEvidenceFile[] } = {},
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        const files = { files: upload.files ?? [], snapshot: upload.snapshot };
        const created = await this.evidence.create(actor, agencyId, dto, files, lang);
        return `/agencies/${agencyId}/evidence/${created.id}?created=1`;
      },
      page: async (state) => {
        // A form refused before the service leaves its uploads behind; the service cleans its own.
        const temps = [...(upload.files ?? []), ...(upload.snapshot ?? [])].map((f) => f.tempKey);
        await discardUploads(this.driver, temps.filter(Boolean));
        await this.renderLibrary(
          res,
          actor,
          agencyId,
          { year: Number(state.form.year) || undefined },
          state.status,
          state,
        );
      },
      at: `/agencies/${agencyId}/evidence`,
    });
  }

  @Post('carry-forward')
  @RequirePermission('evidence.upload')
  async carryForward(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @FormBody(CarryForwardDto) form: FormInput<CarryForwardDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        const to = await this.evidence.period();
        const from = await this.evidence.period(dto.fromYear);
        // Between frameworks the coordinator confirms the re-tagged list first (the crosswalk page).
        if (from.frameworkVersion !== to.frameworkVersion && can(actor, 'assessment.claim'))
          return `/agencies/${agencyId}/periods/${to.year}/evidence/crosswalk?fromYear=${from.year}`;
        // The service checks the stage in its unit of work.
        const { copied } = await this.files.carryForward(actor, agencyId, from, to, dto.evidenceIds);
        return `/agencies/${agencyId}/evidence?status=draft&carried=${copied}`;
      },
      page: (state) =>
        this.renderLibrary(res, actor, agencyId, {}, state.status, { formError: state.formError }),
      at: `/agencies/${agencyId}/evidence`,
    });
  }

  @Get(':evidenceId')
  @RequirePermission('agency.read')
  async detail(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Res() res: Response,
  ) {
    await this.renderDetail(res, actor, agencyId, evidenceId, 200, {});
  }

  @Post(':evidenceId/status')
  @RequirePermission('evidence.upload')
  async status(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @FormBody(EvidenceStatusDto) form: FormInput<EvidenceStatusDto>,
    @Res() res: Response,
  ) {
    await submitForm(res, form, {
      save: async (dto) => {
        await this.evidence.setStatus(actor, agencyId, evidenceId, dto.status, dto.reason);
        return `/agencies/${agencyId}/evidence/${evidenceId}`;
      },
      page: (state) => this.renderDetail(res, actor, agencyId, evidenceId, state.status, state),
      at: `/agencies/${agencyId}/evidence/${evidenceId}`,
    });
  }

  @Post(':evidenceId/files')
  @RequirePermission('evidence.upload')
  @UseInterceptors(FilesInterceptor('files', 20), DiscardUploadsOnError)
  async addFiles(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @UploadedFiles() files: UploadedEvidenceFile[] = [],
    @Query('slot') slot: string | undefined,
    @RequestLang() lang: Lang,
    @Res() res: Response,
  ) {
    await submitForm(res, undefined, {
      save: async () => {
        await this.evidence.addFiles(
          actor,
          agencyId,
          evidenceId,
          files,
          slot ? Number(slot) : undefined,
          lang,
        );
        return `/agencies/${agencyId}/evidence/${evidenceId}`;
      },
      page: (state) =>
        this.renderDetail(res, actor, agencyId, evidenceId, state.status, { formError: state.formError }),
      at: `/agencies/${agencyId}/evidence/${evidenceId}`,
    });
  }

  /** What the item supports besides units: policies, reviews, follow-ups, integrations. */
  @Post(':evidenceId/links')
  @RequirePermission('evidence.upload')
  async links(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @FormBody(UpdateEvidenceDto) form: FormInput<UpdateEvidenceDto>,
    @RequestLang() lang: Lang,
    @Res() res: Response,
  ) {
    const { evidence } = await this.evidence.get(agencyId, evidenceId);
    // A multi-select sends nothing when emptied: every list the form holds is given; the rest of
    // the item stays as it is.
    const chosen = form.withDefaults({ policyIds: [], reviewIds: [], followUpIds: [], integrationIds: [] });
    const links = chosen.preparedBy((values) => ({
      ...keptMeta(evidence),
      version: values.version,
      policyIds: values.policyIds,
      reviewIds: values.reviewIds,
      followUpIds: values.followUpIds,
      integrationIds: values.integrationIds,
    }));
    await submitForm(res, links, {
      save: async (dto) => {
        await this.evidence.update(actor, agencyId, evidenceId, dto, lang);
        return `/agencies/${agencyId}/evidence/${evidenceId}?saved=1`;
      },
      page: (state) =>
        this.renderDetail(res, actor, agencyId, evidenceId, state.status, {
          linksError: state.formError,
          chosen: state.form,
        }),
      at: `/agencies/${agencyId}/evidence/${evidenceId}`,
    });
  }

  /** Whether the stage table opens `action` now (for the item, if given), so the page offers its form. */
  private opens(
    action: WorkflowAction,
    actor: Actor,
    agencyId: string,
    periodId: string,
    evidence?: { id: string; status: string },
  ): Promise<boolean> {
    return this.lock.opens(action, { agencyId, periodId, actor, evidence });
  }

  private async renderLibrary(
    res: Response,
    actor: Actor,
    agencyId: string,
    query: EvidenceQuery,
    status: number,
    model: object,
  ) {
    const period = await this.evidence.period(query.year);
    const { items, total } = await this.evidence.list(agencyId, period, query);
    const units = await this.directory.unitNames(agencyId);
    const names = new Map(units.map((u) => [u.id, u.name]));
    res.status(status).render('pages/evidence-library', {
      ...pageModel(res, actor, agencyId, 'evidence', 'evidence.title'),
      period,
      query,
      total,
      items: items.map((e) => ({
        ...evidenceView(e),
        unitNames: (e.units ?? []).map((u) => names.get(u.id) ?? u.name),
      })),
      kinds: EVIDENCE_KINDS,
      // A period on a framework package (Pemdi 2026) offers the package's indicators; SPBE 2020, 7 and 18.
      packageIndicators: evidenceIndicatorChoices(period.frameworkVersion)?.map((c) => ({
        value: String(c.n),
        n: c.n,
        code: c.code,
        name: c.name[requestLang(res)],
      })),
      statuses: EVIDENCE_STATUSES,
      units,
      targets: await this.directory.linkTargets(agencyId),
      canUpload:
        can(actor, 'evidence.upload') && (await this.opens('evidence.create', actor, agencyId, period.id)),
      previousYear: period.year - 1,
      ...model,
    });
  }

  private async renderDetail(
    res: Response,
    actor: Actor,
    agencyId: string,
    evidenceId: string,
    status: number,
    model: object,
  ) {
    const { evidence, links } = await this.evidence.get(agencyId, evidenceId);
    const view = evidenceView(evidence, links);
    const item = { id: evidence.id, status: evidence.status };
    const uploader = can(actor, 'evidence.upload');
    const editable =
      uploader &&
      !['accepted', 'rejected'].includes(evidence.status) &&
      (await this.opens('evidence.edit', actor, agencyId, evidence.periodId, item));
    const statusOpen =
      uploader && (await this.opens('evidence.agency_status', actor, agencyId, evidence.periodId, item));
    res.status(status).render('pages/evidence', {
      ...pageModel(res, actor, agencyId, 'evidence', 'evidence.title'),
      title: evidence.title,
      item: view,
      files: view.files.map((f) => ({ ...f, previewable: PREVIEWABLE.has(f.mimeType) })),
      unitNames: (evidence.units ?? []).map((u) => u.name),
      canUpload: editable,
      canSubmit: statusOpen && ['draft', 'needs_revision'].includes(evidence.status),
      canWithdraw: statusOpen && evidence.status === 'submitted',
      targets: editable ? await this.directory.linkTargets(agencyId) : null,
      chosen: links,
      history: historyModel(
        await this.history.find(agencyId, 'evidence', evidenceId),
        requestLang(res),
        await this.directory.recordNames(agencyId, requestLang(res)),
      ),
      ...model,
    });
  }
}

/** The item's metadata as it is, for a save that changes only its links. */
function keptMeta(e: Evidence) {
  return {
    kind: e.kind,
    title: e.title,
    documentNumber: e.documentNumber ?? undefined,
    documentDate: e.documentDate ?? undefined,
    indicators: e.indicators.map(String),
    allUnits: e.allUnits,
    unitIds: e.allUnits ? undefined : (e.units ?? []).map((u) => u.id),
    description: e.description ?? undefined,
  };
}
