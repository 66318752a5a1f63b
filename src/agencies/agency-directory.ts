import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Evidence } from '../evidence/evidence.entity';
import { Lang, translate } from '../i18n/i18n';
import { Unit } from '../units/unit.entity';
import { Agency } from './agency.entity';

export interface LinkTargets {
  policies: { id: string; title: string; number: string | null; date: string }[];
  reviews: { id: string; subject: string; date: string }[];
  followUps: { id: string; finding: string; subject: string; reviewDate: string }[];
  integrations: { id: string; withTarget: string; peerName: string }[];
}

/** Names for pick lists and labels (agencies, units, evidence titles); the full agency features live in their own services. */
@Injectable()
export class AgencyDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listNames(): Promise<Pick<Agency, 'id' | 'name' | 'code'>[]> {
    return this.dataSource
      .getRepository(Agency)
      .find({ select: { id: true, name: true, code: true }, order: { name: 'ASC' } });
  }

  unitNames(agencyId: string): Promise<Pick<Unit, 'id' | 'name' | 'code'>[]> {
    return this.dataSource
      .getRepository(Unit)
      .find({ where: { agencyId }, select: { id: true, name: true, code: true }, order: { name: 'ASC' } });
  }

  /**
   * What people call the agency's records, by id, for texts that name them (the engine's gap
   * explanations): a unit by its name, a policy by its title and number, a review by its
   * subject and date, an evidence item by its title.
   */
  async recordNames(agencyId: string, lang: Lang): Promise<Map<string, { name: string }>> {
    const [units, policies, reviews, evidence] = await Promise.all([
      this.unitNames(agencyId),
      // Plain rows: the policy and review features depend on this directory, not the reverse.
      this.dataSource.query<{ id: string; title: string; number: string | null }[]>(
        'SELECT id, title, number FROM policy WHERE agency_id = $1',
        [agencyId],
      ),
      this.dataSource.query<{ id: string; subject: string; date: string }[]>(
        "SELECT id, subject, to_char(date, 'YYYY-MM-DD') AS date FROM review WHERE agency_id = $1",
        [agencyId],
      ),
      this.dataSource
        .getRepository(Evidence)
        .find({ where: { agencyId }, select: { id: true, title: true } }),
    ]);
    const names = new Map<string, { name: string }>(units.map((u) => [u.id, { name: u.name }]));
    for (const p of policies) names.set(p.id, { name: p.number ? `${p.title} (${p.number})` : p.title });
    for (const r of reviews) {
      const subject = translate(lang, `data.subject.${r.subject}`);
      names.set(r.id, { name: translate(lang, 'msg.words.review', { subject, date: r.date }) });
    }
    for (const e of evidence) names.set(e.id, { name: `"${e.title}"` });
    return names;
  }

  /** Every evidence item of the agency for a pick list: title, kind and document date. */
  evidenceChoices(agencyId: string): Promise<Pick<Evidence, 'id' | 'title' | 'kind' | 'documentDate'>[]> {
    return this.dataSource.getRepository(Evidence).find({
      where: { agencyId },
      select: { id: true, title: true, kind: true, documentDate: true },
      order: { title: 'ASC', id: 'ASC' },
    });
  }

  /** What an evidence item may be linked to, named as a person knows them, for pick lists. */
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

  /** Titles of the agency's evidence items among `ids`, by id. */
  async evidenceTitles(agencyId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource
      .getRepository(Evidence)
      .find({ where: { agencyId, id: In([...ids]) }, select: { id: true, title: true } });
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
