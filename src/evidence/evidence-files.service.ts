import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Actor, reachesUnits } from '../access/actor';
import { ChangeLogService } from '../changes/change-log.service';
import { LevelsService } from '../levels/levels.service';
import { Period } from '../periods/period.entity';
import { contentDisposition, evidenceKey } from '../storage/storage-keys';
import { STORAGE_DRIVER, StorageDriver, StorageNotFoundError } from '../storage/storage.driver';
import { discardUploads } from './upload/upload-commit';
import { EvidenceFile } from './evidence-file.entity';
import { Evidence } from './evidence.entity';
import { EvidenceRepository } from './evidence.repository';
import { refuse } from '../i18n/refusal';

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
    @Inject(LevelsService) private readonly levels: LevelsService,
    @Inject(ChangeLogService) private readonly changes: ChangeLogService,
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
   * their current files, as drafts that must be re-confirmed (submitted) to count again.
   */
  async carryForward(
    actor: Actor,
    agencyId: string,
    from: Period,
    to: Period,
    ids?: string[],
  ): Promise<{ copied: number }> {
    if (from.id === to.id) throw refuse(ConflictException, 'msg.evidence.carry_earlier');
    const written: string[] = [];
    try {
      return await this.repo.transaction(async (m) => {
        const sources = await m
          .getRepository(Evidence)
          .find({ where: { agencyId, periodId: from.id }, relations: { units: true } });
        // An operator limited to units carries forward the items of their units only.
        const reachable = actor.unitIds ? sources.filter((s) => unitsReached(actor, s)) : sources;
        const chosen = ids ? reachable.filter((s) => ids.includes(s.id)) : reachable;
        if (ids && chosen.length !== ids.length)
          throw refuse(NotFoundException, 'msg.evidence.not_of_period');
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
          await this.changes.record(m, actor, {
            entityType: 'evidence',
            entityId: copy.id,
            agencyId,
            action: 'create',
            after: { carriedFrom: source.id, year: to.year },
          });
        }
        await this.levels.recompute([agencyId], m, to);
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
