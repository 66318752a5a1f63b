import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAnchor, ChainHead } from './audit-anchor.entity';

/** A key of its own, so only one instance at a time writes an anchor. */
const AUDIT_ANCHOR_LOCK = 720_718_023;

@Injectable()
export class AuditAnchorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` when no other instance holds the anchor lock; otherwise returns null at once. */
  async whenFree<T>(work: (m: EntityManager) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = (await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        AUDIT_ANCHOR_LOCK,
      ])) as Array<{ locked: boolean }>;
      return locked ? work(m) : null;
    });
  }

  async latest(m: EntityManager): Promise<AuditAnchor | null> {
    return m.getRepository(AuditAnchor).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(1).getOne();
  }

  /**
   * The last entry of every chain, in chain order. A loose index scan (one probe per chain on
   * `audit_log_chain_idx`) instead of reading the whole trail.
   */
  async heads(m: EntityManager): Promise<ChainHead[]> {
    return (await m.query(`
      WITH RECURSIVE c(chain) AS (
        (SELECT chain FROM audit_log ORDER BY chain LIMIT 1)
        UNION ALL
        SELECT (SELECT l.chain FROM audit_log l WHERE l.chain > c.chain ORDER BY l.chain LIMIT 1)
          FROM c WHERE c.chain IS NOT NULL
      )
      SELECT h.chain, h.chain_seq::text AS "chainSeq", h.seq::text AS seq, h.hash
        FROM c CROSS JOIN LATERAL (
          SELECT l.chain, l.chain_seq, l.seq, l.hash FROM audit_log l
           WHERE l.chain = c.chain ORDER BY l.chain_seq DESC LIMIT 1) h
       ORDER BY h.chain`)) as ChainHead[];
  }

  async insert(m: EntityManager, anchor: Omit<AuditAnchor, 'id'>): Promise<AuditAnchor> {
    return m.getRepository(AuditAnchor).save(m.getRepository(AuditAnchor).create(anchor));
  }
}
