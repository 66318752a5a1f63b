import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { Actor, reachesUnits } from '../access/actor';
import { type AuditEvent } from '../audit/audit.service';
import { refuse } from '../i18n/refusal';
import { Period } from '../periods/period.entity';
import { contentDisposition, evidenceKey } from '../storage/storage-keys';
import { STORAGE_DRIVER, StorageDriver, StorageNotFoundError } from '../storage/storage.driver';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { discardUploads } from './upload/upload-commit';
import { Evidence } from './evidence.entity';
import { EvidenceRepository } from './evidence.repository';

/** Only these types are shown inline; anything else (and never HTML or SVG) downloads. */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

export interface FileDownload {
  stream: Readable;
  headers: Record<string, string>;
}

@Injectable()
export class EvidenceFilesService {
  constructor(
    @Inject(EvidenceRepository) private readonly repo: EvidenceRepository,
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async open(agencyId: string, evidenceId: string, fileId: string, inline: boolean): Promise<FileDownload> {
    const file = await this.repo.fileById(agencyId, evidenceId, fileId);
    if (!file) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'fileId' });
    const showInline = inline && INLINE_TYPES.has(file.mimeType);
    const stream = await this.driver.get(file.storageKey).catch((error: unknown) => {
      if (error instanceof StorageNotFoundError) {
        throw refuse(NotFoundException, 'msg.evidence.file_missing', { file: file.originalName });
      }
      throw error;
    });
    return {
      stream,
      headers: {
        'Content-Type': showInline
          ? file.mimeType
          : file.mimeType === 'text/html'
            ? 'application/octet-stream'
            : file.mimeType,
        'Content-Length': file.size,
        'Content-Disposition': contentDisposition(file.originalName, showInline ? 'inline' : 'attachment'),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
        ETag: `"${file.sha256}"`,
      },
    };
  }

  /**
   * Brings last period's evidence into this one by an explicit action: copies of the items and of
   * their current files, as drafts that must be re-confirmed (submitted) to count again. In one
   * transaction after the stage lock allows creating evidence in `to`; a refusal writes nothing.
   * Between periods of different frameworks the caller must say what each copy supports
   * (`retag`, from the crosswalk the coordinator confirmed).
   */
  async carryForward(
    actor: Actor,
    agencyId: string,
    from: Period,
    to: Period,
    ids?: string[],
    retag?: CarryRetag,
  ): Promise<CarryResult> {
    if (from.id === to.id) throw refuse(ConflictException, 'msg.evidence.carry_earlier');
    if (!retag && from.frameworkVersion !== to.frameworkVersion)
      throw refuse(ConflictException, 'msg.crosswalk.confirm_first', { from: from.year, to: to.year });
    const written: string[] = [];
    try {
      return await this.uow.write(actor, agencyId, async (w) => {
        const m = w.m;
        await w.allow('evidence.create', { periodId: to.id });
        // Exactly the target period is recomputed, as it is given.
        w.touch(to);
        const chosen = await this.carriedSources(m, actor, agencyId, from, ids);
        if (retag) checkVersions(chosen, retag.versions);
        const files = await this.repo.filesOf(
          m,
          chosen.map((c) => c.id),
        );
        const items: CarryResult['items'] = [];
        for (const source of chosen) {
          const indicators = retag ? retag.indicators.get(source.id)! : source.indicators;
          const copy = await this.repo.insertItem(m, {
            ...source,
            id: undefined,
            version: undefined,
            periodId: to.id,
            indicators,
            status: 'draft',
            statusReason: null,
            carriedFromId: source.id,
            files: undefined,
          });
          items.push({ sourceId: source.id, evidenceId: copy.id, indicators });
          for (const f of files.filter((x) => x.evidenceId === source.id)) {
            const key = evidenceKey(agencyId, new Date());
            await this.driver.put(key, await this.driver.get(f.storageKey));
            written.push(key);
            await this.repo.insertFiles(m, [
              {
                ...f,
                id: undefined,
                evidenceId: copy.id,
                storageKey: key,
                revision: 1,
                uploadedAt: undefined,
              },
            ]);
          }
          await w.log({
            entityType: 'evidence',
            entityId: copy.id,
            action: 'create',
            after: retag
              ? { carriedFrom: source.id, year: to.year, fromIndicators: source.indicators, indicators }
              : { carriedFrom: source.id, year: to.year },
          });
        }
        if (retag) await w.audit({ ...retag.audit, detail: { ...retag.audit.detail, copied: items.length } });
        return { copied: chosen.length, items };
      });
    } catch (error) {
      await discardUploads(this.driver, written);
      throw error;
    }
  }

  /** The items of `from` the actor may carry: all of them, or those named (every one must exist). */
  private async carriedSources(
    m: EntityManager,
    actor: Actor,
    agencyId: string,
    from: Period,
    ids?: string[],
  ): Promise<Evidence[]> {
    const sources = await this.repo.itemsOfPeriod(agencyId, from.id, m);
    // An operator limited to units carries forward the items of their units only.
    const reachable = actor.unitIds ? sources.filter((s) => unitsReached(actor, s)) : sources;
    const chosen = ids ? reachable.filter((s) => ids.includes(s.id)) : reachable;
    if (ids && chosen.length !== new Set(ids).size)
      throw refuse(NotFoundException, 'msg.evidence.not_of_period');
    return chosen;
  }
}

/** What a crosswalk carry-over writes besides the copies: each copy's indicators, checked versions. */
export interface CarryRetag {
  /** The indicators (numbers of the target period's framework) each copy supports, by source id. */
  indicators: ReadonlyMap<string, number[]>;
  /** The version of each source item the coordinator confirmed: a changed item answers 409. */
  versions: ReadonlyMap<string, number>;
  /** The audit entry of the carry-over (the count of copies is added). */
  audit: AuditEvent & { detail: Record<string, unknown> };
}

export interface CarryResult {
  copied: number;
  items: { sourceId: string; evidenceId: string; indicators: number[] }[];
}

function checkVersions(sources: readonly Evidence[], versions: ReadonlyMap<string, number>): void {
  for (const source of sources) {
    const sent = versions.get(source.id);
    if (sent !== source.version)
      throw refuse(ConflictException, 'msg.crosswalk.changed', {
        title: source.title,
        current: source.version,
        sent: sent ?? '-',
      });
  }
}

function unitsReached(actor: Actor, evidence: Evidence): boolean {
  const unitIds = (evidence.units ?? []).map((u) => u.id);
  return reachesUnits(actor, evidence.agencyId, evidence.allUnits, unitIds);
}
