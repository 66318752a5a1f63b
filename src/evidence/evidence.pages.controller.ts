import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpException,
  Inject,
  NotFoundException,
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
import { requestLang } from '../i18n/language.middleware';
import { errorText, refusalOf } from '../i18n/refusal';
import { RequestLang } from '../i18n/request-lang.decorator';
import { AgencyDirectory } from '../agencies/agency-directory';
import { pageModel } from '../kernel/agency-pages';
import { HistoryRepository } from '../history/history.repository';
import { historyModel } from '../history/history.view';
import { WorkflowLock } from '../workflow/core/workflow-lock';
import { WorkflowAction } from '../workflow/core/stage-rules';
import { parseForm } from '../kernel/forms';
import { Evidence } from './evidence.entity';
import { UploadedEvidenceFile } from './upload/hashing-storage.engine';
import { UploadRejectedError } from '../web/upload-rejected.error';
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

function userError(error: unknown, lang: Lang): string | undefined {
  if (error instanceof UploadRejectedError) return error.text(lang);
  if (refusalOf(error)) return errorText(error, lang);
  if (
    error instanceof BadRequestException ||
    error instanceof ConflictException ||
    error instanceof NotFoundException
  ) {
    const body = (error as HttpException).getResponse() as { message?: string | string[] };
    return Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? error.message);
  }
  return undefined;
}

@ApiExcludeController()
@Controller('agencies/:agencyId/evidence')
export class EvidencePagesController {
  constructor(
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
    @Inject(AgencyDirectory) private readonly directory: AgencyDirectory,
    @Inject(HistoryRepository) private readonly history: HistoryRepository,
    @Inject(EvidenceFilesService) private readonly files: EvidenceFilesService,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
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
    @Body() body: CreateEvidenceDto,
    @RequestLang() lang: Lang,
    @UploadedFiles() upload: { files?: UploadedEvidenceFile[]; snapshot?: UploadedEvidenceFile[] } = {},
    @Res() res: Response,
  ) {
    try {
      const created = await this.evidence.create(
        actor,
        agencyId,
        body,
        { files: upload.files ?? [], snapshot: upload.snapshot },
        lang,
      );
      res.redirect(303, `/agencies/${agencyId}/evidence/${created.id}?created=1`);
    } catch (error) {
      const message = userError(error, requestLang(res));
      if (!message) throw error;
      await this.renderLibrary(
        res,
        actor,
        agencyId,
        { year: body.year },
        error instanceof HttpException ? error.getStatus() : 400,
        { formError: message, form: body },
      );
    }
  }

  @Post('carry-forward')
  @RequirePermission('evidence.upload')
  async carryForward(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CarryForwardDto,
    @Res() res: Response,
  ) {
    const to = await this.evidence.period();
    try {
      const from = await this.evidence.period(body.fromYear);
      // Between frameworks the coordinator confirms the re-tagged list first (the crosswalk page).
      if (from.frameworkVersion !== to.frameworkVersion && can(actor, 'assessment.claim'))
        return res.redirect(
          303,
          `/agencies/${agencyId}/periods/${to.year}/evidence/crosswalk?fromYear=${from.year}`,
        );
      await this.lock.assertAllowed(undefined, 'evidence.create', { agencyId, periodId: to.id, actor });
      const { copied } = await this.files.carryForward(actor, agencyId, from, to, body.evidenceIds);
      res.redirect(303, `/agencies/${agencyId}/evidence?status=draft&carried=${copied}`);
    } catch (error) {
      const message = userError(error, requestLang(res));
      if (!message) throw error;
      await this.renderLibrary(res, actor, agencyId, {}, (error as HttpException).getStatus(), {
        formError: message,
      });
    }
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
    @Body() body: EvidenceStatusDto,
    @Res() res: Response,
  ) {
    try {
      await this.evidence.setStatus(actor, agencyId, evidenceId, body.status, body.reason);
      res.redirect(303, `/agencies/${agencyId}/evidence/${evidenceId}`);
    } catch (error) {
      const message = userError(error, requestLang(res));
      if (!message) throw error;
      await this.renderDetail(res, actor, agencyId, evidenceId, (error as HttpException).getStatus(), {
        formError: message,
      });
    }
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
    try {
      await this.evidence.addFiles(actor, agencyId, evidenceId, files, slot ? Number(slot) : undefined, lang);
      res.redirect(303, `/agencies/${agencyId}/evidence/${evidenceId}`);
    } catch (error) {
      const message = userError(error, requestLang(res));
      if (!message) throw error;
      await this.renderDetail(
        res,
        actor,
        agencyId,
        evidenceId,
        error instanceof HttpException ? error.getStatus() : 400,
        { formError: message },
      );
    }
  }

  /** What the item supports besides units: policies, reviews, follow-ups, integrations. */
  @Post(':evidenceId/links')
  @RequirePermission('evidence.upload')
  async links(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: Record<string, unknown>,
    @RequestLang() lang: Lang,
    @Res() res: Response,
  ) {
    try {
      const { evidence } = await this.evidence.get(agencyId, evidenceId);
      // A multi-select sends nothing when emptied: every list the form holds is given.
      const chosen: Record<string, unknown> = {
        policyIds: [],
        reviewIds: [],
        followUpIds: [],
        integrationIds: [],
        ...body,
      };
      const dto = await parseForm(UpdateEvidenceDto, {
        ...keptMeta(evidence),
        version: chosen.version,
        policyIds: chosen.policyIds,
        reviewIds: chosen.reviewIds,
        followUpIds: chosen.followUpIds,
        integrationIds: chosen.integrationIds,
      });
      await this.evidence.update(actor, agencyId, evidenceId, dto, lang);
      res.redirect(303, `/agencies/${agencyId}/evidence/${evidenceId}?saved=1`);
    } catch (error) {
      const message = userError(error, requestLang(res));
      if (!message) throw error;
      await this.renderDetail(res, actor, agencyId, evidenceId, (error as HttpException).getStatus(), {
        linksError: message,
      });
    }
  }

  /** Whether the stage table opens `action` now (for the item, if given), so the page offers its form. */
  private opens(
    action: WorkflowAction,
    actor: Actor,
    agencyId: string,
    periodId: string,
    evidence?: { id: string; status: string },
  ): Promise<boolean> {
    return this.lock.assertAllowed(undefined, action, { agencyId, periodId, actor, evidence }).then(
      () => true,
      () => false,
    );
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
