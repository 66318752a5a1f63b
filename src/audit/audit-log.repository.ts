import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

/**
 * Serialises appends to one chain (one agency, or the national chain) so each entry links to
 * exactly one predecessor. Writes of different agencies take different keys and never wait for
 * each other; two agencies only share a key if hashtext collides (about 1 in 4 billion per pair).
 */
const AUDIT_CHAIN_LOCK_CLASS = 720_718_011;

/** The audit trail (`audit_log`): appends in the caller's transaction, and the verifier's walk. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Holds the chain until the transaction ends, so no other append links to the same entry. */
  async lockChain(m: EntityManager, chain: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_CHAIN_LOCK_CLASS, chain]);
  }

  /** The chain's last entry (its hash and place), or null for a chain not begun. */
  last(m: EntityManager, chain: string): Promise<Pick<AuditEntry, 'hash' | 'chainSeq'> | null> {
    return m
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .select(['a.hash', 'a.chainSeq'])
      .where('a.chain = :chain', { chain })
      .orderBy('a.chainSeq', 'DESC')
      .limit(1)
      .getOne();
  }

  append(m: EntityManager, fields: Partial<AuditEntry>): Promise<AuditEntry> {
    const repo = m.getRepository(AuditEntry);
    return repo.save(repo.create(fields));
  }

  /** The next entries in chain order after the place `after` (chain, then place in it). */
  entriesAfter(after: { chain: string; chainSeq: string }, limit: number): Promise<AuditEntry[]> {
    return this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('(a.chain, a.chain_seq) > (:chain, :chainSeq)', after)
      .orderBy('a.chain', 'ASC')
      .addOrderBy('a.chain_seq', 'ASC')
      .limit(limit)
      .getMany();
  }
}
