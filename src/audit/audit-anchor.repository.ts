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

  /** The next anchors in order after the anchor `afterId`. */
  after(afterId: string, limit: number): Promise<AuditAnchor[]> {
    return this.dataSource
      .getRepository(AuditAnchor)
      .createQueryBuilder('a')
      .where('a.id > :afterId', { afterId })
      .orderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Every chain head an anchor recorded that is gone or holds another hash now, once per head. */
  async changedHeads(): Promise<
    { anchorId: string; chain: string; seq: string; hash: string; found: string | null }[]
  > {
    return (await this.dataSource.query(`
    SELECT DISTINCT ON (h.chain, h."chainSeq") a.id::text AS "anchorId", h.chain, h.seq, h.hash,
           l.hash AS found
      FROM audit_anchor a
     CROSS JOIN LATERAL jsonb_to_recordset(a.heads) AS h(chain text, "chainSeq" text, seq text, hash text)
      LEFT JOIN audit_log l ON l.chain = h.chain AND l.chain_seq = h."chainSeq"::bigint
     WHERE l.hash IS DISTINCT FROM h.hash
     ORDER BY h.chain, h."chainSeq", a.id`)) as Array<{
      anchorId: string;
      chain: string;
      seq: string;
      hash: string;
      found: string | null;
    }>;
  }
}
