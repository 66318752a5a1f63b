import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../common/canonical-json';
import { AuditEntry } from './audit-entry.entity';

export interface AuditEvent {
  action: string;
  actorId?: string | null;
  actorName?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  agencyId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export const GENESIS = '0'.repeat(64);
/** Serialises appends so each entry links to exactly one predecessor. */
const AUDIT_CHAIN_LOCK = 720_718_011;

/** The entry's hash; canonical JSON, because `detail` is stored as jsonb, which reorders keys. */
export function chainHash(prevHash: string, event: AuditEvent, occurredAt: Date): string {
  const body = canonicalJson([
    prevHash,
    occurredAt.toISOString(),
    event.action,
    event.actorId ?? null,
    event.actorName ?? null,
    event.subjectType ?? null,
    event.subjectId ?? null,
    event.agencyId ?? null,
    event.ip ?? null,
    event.detail ?? {},
  ]);
  return createHash('sha256').update(body).digest('hex');
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an entry; pass the caller's manager to make it part of its transaction. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<AuditEntry> {
    if (manager) return this.append(manager, event);
    return this.dataSource.transaction((m) => this.append(m, event));
  }

  private async append(manager: EntityManager, event: AuditEvent): Promise<AuditEntry> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last = await manager
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .select(['a.hash'])
      .orderBy('a.seq', 'DESC')
      .limit(1)
      .getOne();
    // JavaScript dates carry milliseconds, and timestamptz keeps them, so the hash re-computes.
    const occurredAt = new Date();
    const prevHash = last?.hash ?? GENESIS;
    const entry = manager.getRepository(AuditEntry).create({
      ...event,
      detail: event.detail ?? {},
      occurredAt,
      prevHash,
      hash: chainHash(prevHash, event, occurredAt),
    });
    return manager.getRepository(AuditEntry).save(entry);
  }
}
