import { assertVersion } from '../database/optimistic-version';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, reachesUnit, reachesUnits } from '../access/actor';
import { Lang, translate } from '../i18n/i18n';
import { Period } from '../periods/period.entity';
import { evidenceKey } from '../storage/storage-keys';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { Unit } from '../units/unit.entity';
import { AgencyWrite, UnitOfWork } from '../workflow-core/unit-of-work';
import { UploadedEvidenceFile } from './upload/hashing-storage.engine';
import { commitUploads, discardUploads } from './upload/upload-commit';
import { itemSource, latestIndonesianDate, linkRefused, linkUpdate, snapshotProblem } from './evidence-link';
import { Evidence, EvidenceStatus } from './evidence.entity';
import { CreateEvidenceDto, EvidenceMetaDto, EvidenceQuery, UpdateEvidenceDto } from './evidence.dto';
import { EvidenceRepository, LINK_TABLES, LinkField } from './evidence.repository';
import { refuse } from '../i18n/refusal';
import { msg } from '../i18n/message';
import { PeriodLookup } from '../periods/period-lookup';
import { PeriodRepository } from '../periods/period.repository';
import { evidenceIndicators } from '../framework/framework-package';

/** What one create request brought: files, or a link's snapshot (`dto.url` holds the link). */
export interface EvidenceUpload {
  files: UploadedEvidenceFile[];
  snapshot?: UploadedEvidenceFile[];
}

/** How the agency may move its own items; decisions are the evaluation's (src/workflow/review). */
const AGENCY_MOVES: Record<string, EvidenceStatus[]> = {
  draft: ['submitted'],
  submitted: ['draft'],
  needs_revision: ['submitted', 'draft'],
};

@Injectable()
export class EvidenceService {
  constructor(
    @Inject(EvidenceRepository) private readonly repo: EvidenceRepository,
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(PeriodRepository) private readonly periodRows: PeriodRepository,
  ) {}

  async period(year?: number): Promise<Period> {
    const period = await this.periods.current(year);
    if (!period)
      throw year
        ? refuse(NotFoundException, 'msg.period.none_for_year', { year })
        : refuse(NotFoundException, 'msg.period.none');
    return period;
  }

  list(agencyId: string, period: Period, query: EvidenceQuery) {
    return this.repo.findPage(agencyId, period.id, query);
  }

  async get(agencyId: string, id: string, m?: EntityManager) {
    const detail = await this.repo.detail(agencyId, id, m);
    if (!detail) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'evidenceId' });
    return detail;
  }

  /**
   * Stores the uploaded files and the item in one step: files move from their temporary keys and
   * the rows are inserted in one transaction; if anything fails, neither rows nor files remain.
   * An item is files, or a link (`dto.url`) with at most one snapshot file; never neither.
   */
  async create(actor: Actor, agencyId: string, dto: CreateEvidenceDto, upload: EvidenceUpload, lang: Lang) {
    const snapshot = upload.snapshot ?? [];
    const files = [...upload.files, ...snapshot];
    const temps = files.map((f) => f.tempKey);
    try {
      const source = itemSource(dto, upload.files, snapshot, latestIndonesianDate(new Date()));
      if (!source.ok) throw linkRefused(lang, source.problem, { scheme: source.scheme });
      if (!source.link && dto.documentDate === undefined)
        throw refuse(BadRequestException, 'msg.validation.date', { field: 'documentDate' });
      const period = await this.period(dto.year);
      // Fails fast before the files move; checked again inside the transaction.
      await this.uow.check(actor, 'evidence.create', { agencyId, periodId: period.id });
      if (!dto.allowDuplicate) {
        await this.refuseDuplicates(agencyId, files);
        if (source.link) await this.refuseSameLink(agencyId, period.id, source.link.url, lang);
      }
      const now = new Date();
      const pending = files.map((f) => ({ tempKey: f.tempKey, finalKey: evidenceKey(agencyId, now) }));
      return await commitUploads(this.driver, pending, () =>
        this.uow.write(actor, agencyId, async (w) => {
          // The item's period only: its facts are the only ones the item feeds.
          await w.allow('evidence.create', { periodId: period.id });
          const evidence = await this.insert(w, actor, period, dto, source.link);
          await this.insertFiles(
            w.m,
            actor,
            evidence,
            files,
            pending.map((p) => p.finalKey),
            1,
          );
          return evidence;
        }),
      );
    } catch (error) {
      await discardUploads(this.driver, temps);
      throw error;
    }
  }

  private async refuseDuplicates(agencyId: string, files: UploadedEvidenceFile[]) {
    const found = await this.repo.duplicates(agencyId, [...new Set(files.map((f) => f.sha256))]);
    if (found.length) {
      throw refuse(
        ConflictException,
        'msg.evidence.duplicate_file',
        { files: found.map((d) => d.fileName).join(', '), title: found[0].title },
        { duplicates: found },
      );
    }
  }

  private async refuseSameLink(agencyId: string, periodId: string, url: string, lang: Lang) {
    const found = await this.repo.sameLink(agencyId, periodId, url);
    if (found) {
      throw new ConflictException({
        message: translate(lang, 'evidence.link.error.duplicate', { title: found.title }),
        duplicates: [found],
      });
    }
  }

  private async insert(
    w: AgencyWrite,
    actor: Actor,
    period: Period,
    dto: CreateEvidenceDto,
    link: { url: string; capturedAt: string } | null,
  ) {
    const { m, agencyId } = w;
    checkIndicators(period, dto.indicators);
    const units = await this.checkMeta(m, actor, agencyId, dto);
    const evidence = await this.repo.insertItem(m, {
      agencyId,
      periodId: period.id,
      kind: dto.kind,
      title: dto.title.trim(),
      documentNumber: dto.documentNumber?.trim() || null,
      // A link without a document date is dated by its capture.
      documentDate: dto.documentDate ?? link?.capturedAt,
      indicators: [...new Set(dto.indicators)].sort((a, b) => a - b),
      allUnits: dto.allUnits ?? false,
      units,
      description: dto.description?.trim() || null,
      status: dto.status ?? 'draft',
      url: link?.url ?? null,
      capturedAt: link?.capturedAt ?? null,
    });
    await this.saveLinks(w, evidence.id, dto, null);
    await w.log({ entityType: 'evidence', entityId: evidence.id, action: 'create', after: evidence });
    return evidence;
  }

  /** Units and linked records must belong to the agency; operators stay within their units. */
  private async checkMeta(
    m: EntityManager,
    actor: Actor,
    agencyId: string,
    dto: EvidenceMetaDto,
  ): Promise<Unit[]> {
    const unitIds = dto.allUnits ? [] : [...new Set(dto.unitIds ?? [])];
    const units = unitIds.length ? await this.repo.unitsOf(m, agencyId, unitIds) : [];
    if (units.length !== unitIds.length)
      throw refuse(BadRequestException, 'msg.owned.mismatch', {
        field: 'unitIds',
        what: msg('msg.owned.unit'),
      });
    if (
      actor.unitIds &&
      (dto.allUnits || !unitIds.length || unitIds.some((u) => !reachesUnit(actor, agencyId, u)))
    ) {
      throw refuse(BadRequestException, 'msg.evidence.own_units_upload');
    }
    for (const field of Object.keys(LINK_TABLES) as LinkField[]) {
      const foreign = await this.repo.foreignIds(m, LINK_TABLES[field].table, agencyId, dto[field] ?? []);
      if (foreign.length)
        throw refuse(BadRequestException, 'msg.evidence.foreign_links', { field }, { ids: foreign });
    }
    return units;
  }

  /**
   * Replaces the links the DTO names. Policies, reviews, follow-ups and integrations are agency
   * data without a period whose facts list their evidence in every period: when the links
   * change, every open period is recomputed, not only the item's.
   */
  private async saveLinks(
    w: AgencyWrite,
    evidenceId: string,
    dto: EvidenceMetaDto,
    current: Record<LinkField, string[]> | null,
  ) {
    for (const field of Object.keys(LINK_TABLES) as LinkField[]) {
      const wanted = dto[field];
      if (wanted === undefined) continue;
      await this.repo.replaceLinks(w.m, evidenceId, field, wanted ?? []);
      if (!sameIds(wanted ?? [], current?.[field] ?? [])) w.touchOpenPeriods();
    }
  }

  private async insertFiles(
    m: EntityManager,
    actor: Actor,
    evidence: Evidence,
    files: UploadedEvidenceFile[],
    keys: string[],
    firstSlot: number,
  ) {
    await this.repo.insertFiles(
      m,
      files.map((f, i) => ({
        evidenceId: evidence.id,
        agencyId: evidence.agencyId,
        slot: firstSlot + i,
        revision: 1,
        isCurrent: true,
        storageKey: keys[i],
        sha256: f.sha256,
        size: String(f.size),
        mimeType: f.detectedMime,
        originalName: f.displayName,
        uploadedBy: actor.userId,
      })),
    );
  }

  async update(actor: Actor, agencyId: string, id: string, dto: UpdateEvidenceDto, lang: Lang) {
    // The answer is read in the transaction: read after the commit on another connection, a
    // busy pool could answer 503 for an edit that was stored (and a client's retry then fails).
    return this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      const evidence = await this.lockVisible(m, agencyId, id, dto.version);
      assertUnitsReached(actor, evidence);
      this.assertEditable(evidence);
      await this.assertStage(w, evidence);
      const link = linkUpdate(evidence, dto, latestIndonesianDate(new Date()));
      if (!link.ok) throw linkRefused(lang, link.problem, { scheme: link.scheme });
      const before = { ...evidence };
      const period = (await this.periodRows.findById(evidence.periodId, m))!;
      checkIndicators(period, dto.indicators);
      const units = await this.checkMeta(m, actor, agencyId, dto);
      Object.assign(evidence, {
        kind: dto.kind,
        title: dto.title.trim(),
        documentNumber: dto.documentNumber?.trim() || null,
        // Only a link may leave it out (its capture date stands in), and then it stays as it was.
        documentDate: dto.documentDate ?? evidence.documentDate,
        indicators: [...new Set(dto.indicators)].sort((a, b) => a - b),
        allUnits: dto.allUnits ?? false,
        units,
        description: dto.description?.trim() || null,
        ...link.link,
      });
      await this.repo.save(m, evidence);
      await this.saveLinks(w, id, dto, (await this.repo.detail(agencyId, id, m))?.links ?? null);
      await w.log({ entityType: 'evidence', entityId: id, action: 'update', before, after: evidence });
      return this.get(agencyId, id, m);
    });
  }

  /**
   * Adds a file, or with `slot` replaces that file by a new revision (earlier ones stay). A link
   * item takes one file, its snapshot (PDF, PNG or JPEG), which may then only be replaced.
   */
  async addFiles(
    actor: Actor,
    agencyId: string,
    id: string,
    files: UploadedEvidenceFile[],
    slot: number | undefined,
    lang: Lang,
  ) {
    const temps = files.map((f) => f.tempKey);
    try {
      if (files.length !== 1 && slot !== undefined)
        throw refuse(BadRequestException, 'msg.evidence.one_replacement');
      if (!files.length) throw refuse(BadRequestException, 'msg.evidence.no_file');
      const pending = files.map((f) => ({ tempKey: f.tempKey, finalKey: evidenceKey(agencyId, new Date()) }));
      await commitUploads(this.driver, pending, () =>
        this.uow.write(actor, agencyId, async (w) => {
          const evidence = await this.lockVisible(w.m, agencyId, id);
          assertUnitsReached(actor, evidence);
          this.assertEditable(evidence);
          await this.assertStage(w, evidence);
          if (evidence.url) {
            const stored = slot === undefined ? (evidence.files ?? []).filter((f) => f.isCurrent).length : 0;
            const problem = snapshotProblem(files, stored);
            if (problem) throw linkRefused(lang, problem);
          }
          await this.storeRevision(
            w,
            actor,
            evidence,
            files,
            pending.map((p) => p.finalKey),
            slot,
          );
        }),
      );
    } catch (error) {
      await discardUploads(this.driver, temps);
      throw error;
    }
    return this.get(agencyId, id);
  }

  private async storeRevision(
    w: AgencyWrite,
    actor: Actor,
    evidence: Evidence,
    files: UploadedEvidenceFile[],
    keys: string[],
    slot?: number,
  ) {
    const m = w.m;
    const existing = await this.repo.revisionsOf(m, evidence.id);
    if (slot === undefined) {
      const next = Math.max(0, ...existing.map((f) => f.slot)) + 1;
      await this.insertFiles(m, actor, evidence, files, keys, next);
      await w.log({
        entityType: 'evidence',
        entityId: evidence.id,
        action: 'update',
        after: { addedFile: files[0].displayName, slot: next },
      });
      return;
    }
    const current = existing.find((f) => f.slot === slot && f.isCurrent);
    if (!current) throw refuse(NotFoundException, 'msg.evidence.no_slot', { slot });
    await this.repo.retireFile(m, current.id);
    const f = files[0];
    await this.repo.insertFiles(m, [
      {
        evidenceId: evidence.id,
        agencyId: evidence.agencyId,
        slot,
        revision: current.revision + 1,
        isCurrent: true,
        storageKey: keys[0],
        sha256: f.sha256,
        size: String(f.size),
        mimeType: f.detectedMime,
        originalName: f.displayName,
        uploadedBy: actor.userId,
      },
    ]);
    await w.log({
      entityType: 'evidence',
      entityId: evidence.id,
      action: 'update',
      before: { file: current.originalName, revision: current.revision },
      after: { file: f.displayName, revision: current.revision + 1 },
    });
  }

  /** Status moves of the agency: submit or withdraw. Decisions are in src/workflow/review. */
  async setStatus(
    actor: Actor,
    agencyId: string,
    id: string,
    status: EvidenceStatus,
    reason: string | undefined,
  ) {
    if ((status === 'needs_revision' || status === 'rejected') && !reason?.trim()) {
      throw refuse(BadRequestException, 'msg.review.reason_required', { status: msg(`status.${status}`) });
    }
    return this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      // The row alone (its files and units play no part here), with its period's state.
      const locked = await w.lockEvidence(id);
      if (!locked) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'evidenceId' });
      const { evidence } = locked;
      if (actor.unitIds) await this.assertUnitsOf(m, actor, agencyId, id);
      if (!AGENCY_MOVES[evidence.status]?.includes(status)) {
        throw refuse(ConflictException, 'msg.evidence.status_move', {
          from: msg(`status.${evidence.status}`),
          to: msg(`status.${status}`),
        });
      }
      w.judge('evidence.agency_status', locked);
      const statusReason = reason?.trim() || null;
      // Its period only is recomputed: the status is a fact of that period alone.
      await w.setEvidenceStatus(evidence, status, statusReason);
      await w.log({
        entityType: 'evidence',
        entityId: id,
        action: 'update',
        before: { status: evidence.status, statusReason: evidence.statusReason },
        after: { status, statusReason },
      });
      return this.get(agencyId, id, m);
    });
  }

  /** The units of an item, read only for an operator limited to units. */
  private async assertUnitsOf(m: EntityManager, actor: Actor, agencyId: string, id: string) {
    const detail = await this.repo.findDetail(agencyId, id, m);
    if (!detail) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'evidenceId' });
    assertUnitsReached(actor, detail);
  }

  private async lockVisible(
    m: EntityManager,
    agencyId: string,
    id: string,
    version?: number,
  ): Promise<Evidence> {
    await this.repo.lockRow(m, id);
    const evidence = await this.repo.findDetail(agencyId, id, m);
    if (!evidence) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'evidenceId' });
    assertVersion(evidence.version, version);
    return evidence;
  }

  /**
   * The stage decides whether the agency may still change the item (src/workflow-core/stage-rules.ts);
   * the item's period alone is recomputed after the change.
   */
  private assertStage(w: AgencyWrite, evidence: Evidence) {
    return w.allow('evidence.edit', { periodId: evidence.periodId, evidence });
  }

  private assertEditable(evidence: Evidence) {
    if (evidence.status === 'accepted' || evidence.status === 'rejected') {
      throw refuse(ConflictException, 'msg.evidence.content_fixed', {
        status: msg(`status.${evidence.status}`),
      });
    }
  }
}

function sameIds(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** Operators limited to units change only the items of their units (an item of all units is not). */
export function assertUnitsReached(actor: Actor, evidence: Evidence): void {
  const unitIds = (evidence.units ?? []).map((u) => u.id);
  if (!reachesUnits(actor, evidence.agencyId, evidence.allUnits, unitIds))
    throw refuse(ForbiddenException, 'msg.evidence.own_units_change');
}

/** The indicators of the period's framework (7 and 18 for SPBE 2020): any other is a 400. */
function checkIndicators(period: Period, indicators: number[]): void {
  const allowed = evidenceIndicators(period.frameworkVersion);
  if (allowed && indicators.some((n) => !allowed.includes(n)))
    throw refuse(
      BadRequestException,
      allowed.length === 2 ? 'msg.validation.indicators' : 'msg.validation.framework_indicators',
      { field: 'indicators', max: allowed.length },
    );
}
