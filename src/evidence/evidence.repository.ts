import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, EntityManager, In } from 'typeorm';
import { escapeLike } from '../common/sql';
import { Unit } from '../units/unit.entity';
import { EvidenceStatusRow, EvidenceStatusWriter } from '../workflow-core/evidence-status.port';
import { EvidenceFile } from './evidence-file.entity';
import { Evidence } from './evidence.entity';
import { EvidenceQuery } from './evidence.dto';

export const LINK_TABLES = {
  policyIds: { table: 'policy', join: 'policy_evidence', key: 'policy_id' },
  reviewIds: { table: 'review', join: 'review_evidence', key: 'review_id' },
  followUpIds: { table: 'follow_up', join: 'follow_up_evidence', key: 'follow_up_id' },
  integrationIds: { table: 'integration', join: 'integration_evidence', key: 'integration_id' },
} as const;
export type LinkField = keyof typeof LINK_TABLES;
/** A record that links evidence: the owning side of one of the link tables. */
export type LinkOwner = (typeof LINK_TABLES)[LinkField]['table'];

export interface DuplicateFile {
  evidenceId: string;
  title: string;
  fileName: string;
  sha256: string;
}

/**
 * All database access of the evidence aggregate (items, file revisions, links); the unit of work
 * moves statuses through it as the EVIDENCE_STATUS_WRITER port.
 */
@Injectable()
export class EvidenceRepository implements EvidenceStatusWriter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every item of an agency in a period, with its units (the carry-forward's sources). */
  itemsOfPeriod(
    agencyId: string,
    periodId: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<Evidence[]> {
    return m.getRepository(Evidence).find({
      where: { agencyId, periodId },
      relations: { units: true },
      order: { documentDate: 'DESC', id: 'ASC' },
    });
  }

  /** The items of a period carried from the given items (to show what was carried already). */
  async carriedFrom(agencyId: string, periodId: string, sourceIds: string[]): Promise<Set<string>> {
    if (!sourceIds.length) return new Set();
    const rows = await this.dataSource.getRepository(Evidence).find({
      select: { carriedFromId: true },
      where: { agencyId, periodId, carriedFromId: In(sourceIds) },
    });
    return new Set(rows.map((r) => r.carriedFromId!));
  }

  async findPage(
    agencyId: string,
    periodId: string,
    q: EvidenceQuery,
  ): Promise<{ items: Evidence[]; total: number }> {
    const pageSize = q.pageSize ?? 50;
    const qb = this.dataSource
      .getRepository(Evidence)
      .createQueryBuilder('e')
      .leftJoinAndSelect('e.files', 'f', 'f.is_current')
      .leftJoinAndSelect('e.units', 'u')
      .where('e.agency_id = :agencyId AND e.period_id = :periodId', { agencyId, periodId })
      .orderBy('e.document_date', 'DESC')
      .addOrderBy('e.id')
      .skip(((q.page ?? 1) - 1) * pageSize)
      .take(pageSize);
    if (q.indicator) qb.andWhere(':indicator = ANY(e.indicators)', { indicator: q.indicator });
    if (q.kind) qb.andWhere('e.kind = :kind', { kind: q.kind });
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.unitId) {
      qb.andWhere(
        '(e.all_units OR EXISTS (SELECT 1 FROM evidence_unit eu WHERE eu.evidence_id = e.id AND eu.unit_id = :unitId))',
        {
          unitId: q.unitId,
        },
      );
    }
    if (q.q) qb.andWhere('(e.title ILIKE :q OR e.document_number ILIKE :q)', { q: `%${escapeLike(q.q)}%` });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** A new item (without files), in the caller's transaction. */
  insertItem(m: EntityManager, item: DeepPartial<Evidence>): Promise<Evidence> {
    const repo = m.getRepository(Evidence);
    return repo.save(repo.create(item));
  }

  /** Stores the item's changed fields, units and all (its version moves on). */
  save(m: EntityManager, item: Evidence): Promise<Evidence> {
    return m.getRepository(Evidence).save(item);
  }

  /**
   * The one statement that moves an item's status (the agency's moves, evaluator decisions,
   * interview rounds), called by the unit of work: the version moves on, so an open form of the
   * item answers 409.
   */
  async setStatus(
    m: EntityManager,
    evidenceId: string,
    status: string,
    reason: string | null,
  ): Promise<EvidenceStatusRow> {
    // TypeORM's query() answers an UPDATE with [rows, count].
    const [rows]: [EvidenceStatusRow[], number] = await m.query(
      `UPDATE evidence SET status = $2, status_reason = $3, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING id, status, status_reason AS "statusReason", version`,
      [evidenceId, status, reason],
    );
    return rows[0];
  }

  /** File revisions, as given (item, slot and revision included). */
  async insertFiles(m: EntityManager, files: DeepPartial<EvidenceFile>[]): Promise<void> {
    if (files.length) await m.getRepository(EvidenceFile).insert(files);
  }

  /** Every file revision of the item, current or not. */
  revisionsOf(m: EntityManager, evidenceId: string): Promise<EvidenceFile[]> {
    return m.getRepository(EvidenceFile).find({ where: { evidenceId } });
  }

  /** The revision is replaced: it stays, no longer current. */
  async retireFile(m: EntityManager, fileId: string): Promise<void> {
    await m.getRepository(EvidenceFile).update({ id: fileId }, { isCurrent: false });
  }

  /** The agency's units among `ids` (an item names only units of its own agency). */
  unitsOf(m: EntityManager, agencyId: string, ids: string[]): Promise<Unit[]> {
    return m.getRepository(Unit).find({ where: { agencyId, id: In(ids) } });
  }

  /** A new item with its first file revisions (slots 1..n, revision 1), in the caller's transaction. */
  async insertWithFiles(
    m: EntityManager,
    item: DeepPartial<Evidence>,
    files: Omit<DeepPartial<EvidenceFile>, 'evidenceId' | 'agencyId' | 'slot' | 'revision' | 'isCurrent'>[],
  ): Promise<Evidence> {
    const repo = m.getRepository(Evidence);
    const evidence = await repo.save(repo.create(item));
    if (files.length)
      await m.getRepository(EvidenceFile).insert(
        files.map((f, i) => ({
          ...f,
          evidenceId: evidence.id,
          agencyId: evidence.agencyId,
          slot: i + 1,
          revision: 1,
          isCurrent: true,
        })),
      );
    return evidence;
  }

  /** Locks the item's row until the transaction ends (a concurrent change of it waits). */
  async lockRow(m: EntityManager, id: string): Promise<void> {
    await m.query('SELECT 1 FROM evidence WHERE id = $1 FOR UPDATE', [id]);
  }

  /** The item with its files and units, in one statement (`findOne` with relations sends two). */
  findDetail(agencyId: string, id: string, m?: EntityManager): Promise<Evidence | null> {
    return this.detailQuery(agencyId, id, m).getOne();
  }

  /** The item, its files and units, and the records it is linked to, in one statement. */
  async detail(
    agencyId: string,
    id: string,
    m?: EntityManager,
  ): Promise<{ evidence: Evidence; links: Record<LinkField, string[]> } | null> {
    const qb = this.detailQuery(agencyId, id, m);
    for (const [field, t] of Object.entries(LINK_TABLES))
      qb.addSelect(`ARRAY(SELECT x.${t.key}::text FROM ${t.join} x WHERE x.evidence_id = e.id)`, field);
    const { entities, raw } = await qb.getRawAndEntities<Record<LinkField, string[]>>();
    if (!entities[0]) return null;
    const links = Object.fromEntries(
      (Object.keys(LINK_TABLES) as LinkField[]).map((field) => [field, raw[0][field]]),
    ) as Record<LinkField, string[]>;
    return { evidence: entities[0], links };
  }

  private detailQuery(agencyId: string, id: string, m?: EntityManager) {
    return (m ?? this.dataSource.manager)
      .getRepository(Evidence)
      .createQueryBuilder('e')
      .leftJoinAndSelect('e.files', 'f')
      .leftJoinAndSelect('e.units', 'u')
      .where('e.id = :id AND e.agency_id = :agencyId', { id, agencyId });
  }

  /** Ids among `ids` that are NOT rows of `table` in this agency. */
  async foreignIds(m: EntityManager, table: string, agencyId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM ${table} WHERE agency_id = $1 AND id = ANY($2::uuid[])`,
      [agencyId, ids],
    );
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  }

  /** The item's links of one kind become `ids` (from the evidence form). */
  replaceLinks(m: EntityManager, evidenceId: string, field: LinkField, ids: string[]): Promise<void> {
    const t = LINK_TABLES[field];
    return this.relink(m, t.join, 'evidence_id', t.key, evidenceId, ids);
  }

  /**
   * The record's evidence becomes `evidenceIds` (from the policy, review, follow-up and
   * integration forms, in their transaction; the caller has checked the items are its agency's).
   * The link tables' one writer with replaceLinks: the records' relations do not persist.
   */
  replaceEvidenceOf(
    m: EntityManager,
    kind: LinkOwner,
    ownerId: string,
    evidenceIds: string[],
  ): Promise<void> {
    const t = Object.values(LINK_TABLES).find((l) => l.table === kind)!;
    return this.relink(m, t.join, t.key, 'evidence_id', ownerId, evidenceIds);
  }

  /** Replaces the links of one row (`id` in column `side`) by links to `others`. */
  private async relink(
    m: EntityManager,
    join: (typeof LINK_TABLES)[LinkField]['join'],
    side: string,
    other: string,
    id: string,
    others: string[],
  ): Promise<void> {
    await m.query(`DELETE FROM ${join} WHERE ${side} = $1`, [id]);
    if (others.length)
      await m.query(`INSERT INTO ${join} (${side}, ${other}) SELECT $1::uuid, unnest($2::uuid[])`, [
        id,
        [...new Set(others)],
      ]);
  }

  /** Links an evidence item to every hub-derived integration of the agency (hub-generated evidence). */
  async linkHubIntegrations(m: EntityManager, agencyId: string, evidenceId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO integration_evidence (integration_id, evidence_id)
       SELECT id, $2 FROM integration WHERE agency_id = $1 AND source = 'hub'
       ON CONFLICT DO NOTHING RETURNING integration_id AS id`,
      [agencyId, evidenceId],
    );
    return rows.map((r) => r.id);
  }

  async duplicates(agencyId: string, hashes: string[]): Promise<DuplicateFile[]> {
    if (!hashes.length) return [];
    return this.dataSource.query(
      `SELECT f.evidence_id AS "evidenceId", e.title, f.original_name AS "fileName", f.sha256
         FROM evidence_file f JOIN evidence e ON e.id = f.evidence_id
        WHERE f.agency_id = $1 AND f.is_current AND f.sha256 = ANY($2)`,
      [agencyId, hashes],
    );
  }

  /** An item of the period that already holds this link, if any. */
  async sameLink(
    agencyId: string,
    periodId: string,
    url: string,
  ): Promise<{ evidenceId: string; title: string } | null> {
    const rows: { evidenceId: string; title: string }[] = await this.dataSource.query(
      `SELECT id AS "evidenceId", title FROM evidence
        WHERE agency_id = $1 AND period_id = $2 AND url = $3 ORDER BY created_at LIMIT 1`,
      [agencyId, periodId, url],
    );
    return rows[0] ?? null;
  }

  fileById(agencyId: string, evidenceId: string, fileId: string): Promise<EvidenceFile | null> {
    return this.dataSource
      .getRepository(EvidenceFile)
      .findOne({ where: { id: fileId, evidenceId, agencyId } });
  }

  filesOf(m: EntityManager, ids: string[]): Promise<EvidenceFile[]> {
    return m.getRepository(EvidenceFile).find({ where: { evidenceId: In(ids), isCurrent: true } });
  }

  /** Every stored file, for `evidence verify`, read in pages so memory stays flat. */
  async *allFiles(pageSize = 5000): AsyncIterable<{ key: string; sha256: string; size: number }> {
    let after = '';
    for (;;) {
      const rows: { key: string; sha256: string; size: string }[] = await this.dataSource.query(
        'SELECT storage_key AS key, sha256, size FROM evidence_file WHERE storage_key > $1 ORDER BY storage_key LIMIT $2',
        [after, pageSize],
      );
      for (const r of rows) yield { key: r.key, sha256: r.sha256, size: Number(r.size) };
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].key;
    }
  }
}
