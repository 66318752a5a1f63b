import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditEvent, GENESIS, chainHash, chainOf } from './audit-hash';

export { GENESIS, chainHash } from './audit-hash';
export type { AuditEvent } from './audit-hash';

/**
 * Serialises appends to one chain (one agency, or the national chain) so each entry links to
 * exactly one predecessor. Writes of different agencies take different keys and never wait for
 * each other; two agencies only share a key if hashtext collides (about 1 in 4 billion per pair).
 */
const AUDIT_CHAIN_LOCK_CLASS = 720_718_011;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an entry; pass the caller's manager to make it part of its transaction. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<AuditEntry> {
    if (manager) return this.append(manager, event);
    return this.dataSource.transaction((m) => this.append(m, event));
  }

  private async append(manager: EntityManager, event: AuditEvent): Promise<AuditEntry> {
    const chain = chainOf(event);
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_CHAIN_LOCK_CLASS, chain]);
    const last = await manager
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .select(['a.hash', 'a.chainSeq'])
      .where('a.chain = :chain', { chain })
      .orderBy('a.chainSeq', 'DESC')
      .limit(1)
      .getOne();
    // JavaScript dates carry milliseconds, and timestamptz keeps them, so the hash re-computes.
    const occurredAt = new Date();
    const prevHash = last?.hash ?? GENESIS;
    const chainSeq = String(Number(last?.chainSeq ?? 0) + 1);
    const entry = manager.getRepository(AuditEntry).create({
      ...event,
      detail: event.detail ?? {},
      occurredAt,
      chain,
      chainSeq,
      prevHash,
      hash: chainHash(prevHash, event, occurredAt, { chain, chainSeq }),
    });
    return manager.getRepository(AuditEntry).save(entry);
  }
}
