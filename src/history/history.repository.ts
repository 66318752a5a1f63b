import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Change } from '../changes/change.entity';

export const HISTORY_TYPES = [
  'unit',
  'application',
  'spl_instance',
  'policy',
  'integration',
  'review',
  'follow_up',
  'evidence',
  'assessment',
] as const;
export type HistoryType = (typeof HISTORY_TYPES)[number];

export interface HistoryEntry {
  at: string;
  actorName: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changed: string[];
}

const IGNORED = new Set(['id', 'agencyId', 'updatedAt', 'version', 'createdAt']);

/** Change entries of one record, newest first, limited to the agency that owns them. */
@Injectable()
export class HistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(agencyId: string, entityType: string, entityId: string): Promise<HistoryEntry[]> {
    const rows = await this.dataSource.getRepository(Change).find({
      where: { agencyId, entityType, entityId },
      order: { at: 'DESC', id: 'DESC' },
      take: 200,
    });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      actorName: r.actorName,
      action: r.action,
      before: r.before,
      after: r.after,
      changed: changedKeys(r.before, r.after),
    }));
  }
}

function changedKeys(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter(
    (k) => !IGNORED.has(k) && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null),
  );
}
