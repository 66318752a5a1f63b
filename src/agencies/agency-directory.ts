import { Inject, Injectable } from '@nestjs/common';
import { Lang, translate } from '../i18n/i18n';
import { Agency } from './agency.entity';
import {
  AgencyDirectoryRepository,
  EvidenceChoice,
  LinkTargets,
  RecordNames,
  UnitName,
} from './agency-directory.repository';
import { recordIdsIn } from './engine-words';

export type { LinkTargets } from './agency-directory.repository';

/** Names for pick lists and labels (agencies, units, evidence titles); the full agency features live in their own services. */
@Injectable()
export class AgencyDirectory {
  constructor(@Inject(AgencyDirectoryRepository) private readonly repo: AgencyDirectoryRepository) {}

  listNames(): Promise<Pick<Agency, 'id' | 'name' | 'code'>[]> {
    return this.repo.agencyNames();
  }

  unitNames(agencyId: string): Promise<UnitName[]> {
    return this.repo.unitNames(agencyId);
  }

  /**
   * What people call the agency's records, by id, for texts that name them (the engine's gap
   * explanations): a unit by its name, a policy by its title and number, a review by its
   * subject and date, an evidence item by its title.
   */
  async recordNames(agencyId: string, lang: Lang): Promise<Map<string, { name: string }>> {
    const [units, policies, reviews, evidence] = await Promise.all([
      this.repo.unitNames(agencyId),
      this.repo.policyNames(agencyId),
      this.repo.reviewNames(agencyId),
      this.repo.evidenceNames(agencyId),
    ]);
    return namesOf({ units, policies, reviews, evidence }, lang);
  }

  /**
   * {@link recordNames} of only the records that `texts` name by id: a page showing a few of the
   * engine's explanations reads the names of a few records, not of the agency's hundreds of
   * evidence items, in one statement (none when the texts name no record).
   */
  async recordNamesIn(
    agencyId: string,
    texts: readonly string[],
    lang: Lang,
  ): Promise<Map<string, { name: string }>> {
    const ids = recordIdsIn(texts);
    if (!ids.length) return new Map();
    return namesOf(await this.repo.recordNamesOf(agencyId, ids), lang);
  }

  /** Every evidence item of the agency for a pick list: title, kind and document date. */
  evidenceChoices(agencyId: string): Promise<EvidenceChoice[]> {
    return this.repo.evidenceChoices(agencyId);
  }

  /** What an evidence item may be linked to, named as a person knows them, for pick lists. */
  linkTargets(agencyId: string): Promise<LinkTargets> {
    return this.repo.linkTargets(agencyId);
  }

  /** Titles of the agency's evidence items among `ids`, by id. */
  async evidenceTitles(agencyId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.repo.evidenceTitles(agencyId, ids);
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}

/** Each record by id under the name people call it, in one order: a later kind names an id last. */
function namesOf(records: RecordNames, lang: Lang): Map<string, { name: string }> {
  const names = new Map<string, { name: string }>(records.units.map((u) => [u.id, { name: u.name }]));
  for (const p of records.policies)
    names.set(p.id, { name: p.number ? `${p.title} (${p.number})` : p.title });
  for (const r of records.reviews) {
    const subject = translate(lang, `data.subject.${r.subject}`);
    names.set(r.id, { name: translate(lang, 'msg.words.review', { subject, date: r.date }) });
  }
  for (const e of records.evidence) names.set(e.id, { name: `"${e.title}"` });
  return names;
}
