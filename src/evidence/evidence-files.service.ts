import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Actor, reachesUnits } from '../access/actor';
import { Period } from '../periods/period.entity';
import { contentDisposition, evidenceKey } from '../storage/storage-keys';
import { STORAGE_DRIVER, StorageDriver, StorageNotFoundError } from '../storage/storage.driver';
import { UnitOfWork } from '../workflow/core/unit-of-work';
import { discardUploads } from './upload/upload-commit';
import { EvidenceFile } from './evidence-file.entity';
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
    if (!file) throw new NotFoundException('fileId: not found.');
    const showInline = inline && INLINE_TYPES.has(file.mimeType);
    const stream = await this.driver.get(file.storageKey).catch((error: unknown) => {
      if (error instanceof StorageNotFoundError) {
        throw new NotFoundException(
          `${file.originalName}: the stored file is missing; an admin should run "evidence verify".`,
        );
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
   * their current files, as drafts that must be re-confirmed (submitted) to count again. The
   * target period must still take new evidence (the stage table's `evidence.create`).
   */
  async carryForward(
    actor: Actor,
    agencyId: string,
    from: Period,
    to: Period,
    ids?: string[],
  ): Promise<{ copied: number }> {
    const written: string[] = [];
    try {
      return await this.uow.write(actor, agencyId, async (w) => {
        await w.allow('evidence.create', { periodId: to.id });
        // Exactly the target period is recomputed, as it is given.
        w.touch(to);
        if (from.id === to.id)
          throw new ConflictException('fromYear: choose an earlier period than the target.');
        const m = w.m;
        const sources = await m
          .getRepository(Evidence)
          .find({ where: { agencyId, periodId: from.id }, relations: { units: true } });
        // An operator limited to units carries forward the items of their units only.
        const reachable = actor.unitIds ? sources.filter((s) => unitsReached(actor, s)) : sources;
        const chosen = ids ? reachable.filter((s) => ids.includes(s.id)) : reachable;
        if (ids && chosen.length !== ids.length)
          throw new NotFoundException('evidenceIds: some items are not evidence of that period.');
        const files = await this.repo.filesOf(
          m,
          chosen.map((c) => c.id),
        );
        for (const source of chosen) {
          const copy = await m.getRepository(Evidence).save(
            m.getRepository(Evidence).create({
              ...source,
              id: undefined,
              version: undefined,
              periodId: to.id,
              status: 'draft',
              statusReason: null,
              carriedFromId: source.id,
              files: undefined,
            }),
          );
          for (const f of files.filter((x) => x.evidenceId === source.id)) {
            const key = evidenceKey(agencyId, new Date());
            await this.driver.put(key, await this.driver.get(f.storageKey));
            written.push(key);
            await m.getRepository(EvidenceFile).insert({
              ...f,
              id: undefined,
              evidenceId: copy.id,
              storageKey: key,
              revision: 1,
              uploadedAt: undefined,
            });
          }
          await w.log({
            entityType: 'evidence',
            entityId: copy.id,
            action: 'create',
            after: { carriedFrom: source.id, year: to.year },
          });
        }
        return { copied: chosen.length };
      });
    } catch (error) {
      await discardUploads(this.driver, written);
      throw error;
    }
  }
}

function unitsReached(actor: Actor, evidence: Evidence): boolean {
  const unitIds = (evidence.units ?? []).map((u) => u.id);
  return reachesUnits(actor, evidence.agencyId, evidence.allUnits, unitIds);
}
