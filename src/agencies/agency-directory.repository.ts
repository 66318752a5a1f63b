import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Agency } from './agency.entity';

/** The unit table's columns read here: units and evidence are read by table name (see the class). */
interface UnitRow {
  id: string;
  agencyId: string;
  code: string;
  name: string;
}

/** The evidence table's columns read here. */
interface EvidenceRow {
  id: string;
  agencyId: string;
  title: string;
  kind: string;
  documentDate: string;
}

export type UnitName = Pick<UnitRow, 'id' | 'name' | 'code'>;

/** The records of an agency that texts name by id, by kind, with what names them. */
export interface RecordNames {
  units: { id: string; name: string }[];
  policies: { id: string; title: string; number: string | null }[];
  reviews: { id: string; subject: string; date: string }[];
  evidence: Pick<EvidenceRow, 'id' | 'title'>[];
}

export type EvidenceChoice = Pick<EvidenceRow, 'id' | 'title' | 'kind' | 'documentDate'>;

export interface LinkTargets {
  policies: { id: string; title: string; number: string | null; date: string }[];
  reviews: { id: string; subject: string; date: string }[];
  followUps: { id: string; finding: string; subject: string; reviewDate: string }[];
  integrations: { id: string; withTarget: string; peerName: string }[];
}

/**
 * The reads behind pick lists and labels. Plain rows for policies and reviews, and units and
 * evidence by table name: those features depend on the directory, not the reverse.
 */
@Injectable()
export class AgencyDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  agencyNames(): Promise<Pick<Agency, 'id' | 'name' | 'code'>[]> {
    return this.dataSource
      .getRepository(Agency)
      .find({ select: { id: true, name: true, code: true }, order: { name: 'ASC' } });
  }

  unitNames(agencyId: string): Promise<UnitName[]> {
    return this.dataSource
      .getRepository<UnitRow>('unit')
      .find({ where: { agencyId }, select: { id: true, name: true, code: true }, order: { name: 'ASC' } });
  }

  policyNames(agencyId: string): Promise<{ id: string; title: string; number: string | null }[]> {
    return this.dataSource.query('SELECT id, title, number FROM policy WHERE agency_id = $1', [agencyId]);
  }

  reviewNames(agencyId: string): Promise<{ id: string; subject: string; date: string }[]> {
    return this.dataSource.query(
      "SELECT id, subject, to_char(date, 'YYYY-MM-DD') AS date FROM review WHERE agency_id = $1",
      [agencyId],
    );
  }

  evidenceNames(agencyId: string): Promise<Pick<EvidenceRow, 'id' | 'title'>[]> {
    return this.dataSource
      .getRepository<EvidenceRow>('evidence')
      .find({ where: { agencyId }, select: { id: true, title: true } });
  }

  /** The agency's units, policies, reviews and evidence items among `ids`, in one statement. */
  async recordNamesOf(agencyId: string, ids: readonly string[]): Promise<RecordNames> {
    const rows: {
      kind: keyof RecordNames;
      id: string;
      title: string;
      number: string | null;
      date: string | null;
    }[] = await this.dataSource.query(RECORD_NAMES_SQL, [agencyId, ids]);
    const of = (kind: keyof RecordNames) => rows.filter((r) => r.kind === kind);
    return {
      units: of('units').map((r) => ({ id: r.id, name: r.title })),
      policies: of('policies').map((r) => ({ id: r.id, title: r.title, number: r.number })),
      reviews: of('reviews').map((r) => ({ id: r.id, subject: r.title, date: r.date! })),
      evidence: of('evidence').map((r) => ({ id: r.id, title: r.title })),
    };
  }

  evidenceChoices(agencyId: string): Promise<EvidenceChoice[]> {
    return this.dataSource.getRepository<EvidenceRow>('evidence').find({
      where: { agencyId },
      select: { id: true, title: true, kind: true, documentDate: true },
      order: { title: 'ASC', id: 'ASC' },
    });
  }

  async linkTargets(agencyId: string): Promise<LinkTargets> {
    const q = (sql: string) => this.dataSource.query(sql, [agencyId]);
    const [policies, reviews, followUps, integrations] = await Promise.all([
      q(
        `SELECT id, title, number, date::text AS date FROM policy WHERE agency_id = $1 ORDER BY date DESC, title, id`,
      ),
      q(`SELECT id, subject, date::text AS date FROM review WHERE agency_id = $1 ORDER BY date DESC, id`),
      q(`SELECT f.id, f.finding, r.subject, r.date::text AS "reviewDate" FROM follow_up f
           JOIN review r ON r.id = f.review_id WHERE f.agency_id = $1 ORDER BY r.date DESC, f.finding, f.id`),
      q(`SELECT id, with_target AS "withTarget", peer_name AS "peerName" FROM integration
          WHERE agency_id = $1 ORDER BY peer_name, id`),
    ]);
    return { policies, reviews, followUps, integrations } as LinkTargets;
  }

  evidenceTitles(agencyId: string, ids: readonly string[]): Promise<Pick<EvidenceRow, 'id' | 'title'>[]> {
    return this.dataSource
      .getRepository<EvidenceRow>('evidence')
      .find({ where: { agencyId, id: In([...ids]) }, select: { id: true, title: true } });
  }
}

/** What {@link AgencyDirectoryRepository.recordNamesOf} reads: a review's `title` is its subject. */
const RECORD_NAMES_SQL = `
  SELECT 'units' AS kind, id, name AS title, NULL AS number, NULL AS date
    FROM unit WHERE agency_id = $1 AND id = ANY($2::uuid[])
  UNION ALL
  SELECT 'policies', id, title, number, NULL FROM policy WHERE agency_id = $1 AND id = ANY($2::uuid[])
  UNION ALL
  SELECT 'reviews', id, subject::text, NULL, to_char(date, 'YYYY-MM-DD')
    FROM review WHERE agency_id = $1 AND id = ANY($2::uuid[])
  UNION ALL
  SELECT 'evidence', id, title, NULL, NULL FROM evidence WHERE agency_id = $1 AND id = ANY($2::uuid[])`;
