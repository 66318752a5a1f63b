import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { Change } from './change.entity';
import { ChangeRepository } from './change.repository';

/** Plain JSON of a record for the history: dates as ISO strings, relations as id lists. */
export function snapshotOf(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (Array.isArray(value))
      out[key] = value.map((v) => (v && typeof v === 'object' && 'id' in v ? v.id : v));
    else if (value && typeof value === 'object') continue;
    else out[key] = value;
  }
  return out;
}

/** Records who changed what, with the record before and after; written in the caller's transaction. */
@Injectable()
export class ChangeLogService {
  constructor(@Inject(ChangeRepository) private readonly changes: ChangeRepository) {}

  async record(
    m: EntityManager,
    actor: Actor | null,
    entry: {
      entityType: string;
      entityId: string;
      agencyId: string | null;
      action: Change['action'];
      before?: object | null;
      after?: object | null;
    },
  ): Promise<void> {
    await this.changes.insert(m, {
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? null,
      agencyId: entry.agencyId,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      before: entry.before ? snapshotOf(entry.before) : null,
      after: entry.after ? snapshotOf(entry.after) : null,
    });
  }
}
