import { Lang, translate } from '../i18n/i18n';
import factsSchema from '../scoring/facts.schema.json';

/**
 * The scoring engine writes its explanations for any reader, the command line included, so they
 * name records by id and values by code ("berjenis operating_documentation", "replaces berisi
 * id-nya"). People read them through this: ids become the names of the records (units by name,
 * policies by title and number, reviews by date and subject) and codes the catalogue's words.
 * The JSON of the API keeps the engine's text.
 */
export function engineTextForPeople(
  text: string,
  lang: Lang,
  names: ReadonlyMap<string, { name: string }>,
): string {
  let out = text.replace(
    REVIEW_REFERENCE,
    (whole: string, _lead: unknown, id: string, _tail: unknown, ...dates: unknown[]) => {
      // "the policy review {id} of {date}": the review's name already says both ("the SPL policy
      // review of 2026-09-07"), so the engine's own words around the id would repeat them.
      const name = names.get(id)?.name;
      const date = dates.slice(0, 3).find((d): d is string => typeof d === 'string');
      if (!name || !date || !name.includes(date)) return whole;
      return id;
    },
  );
  out = out.replace(UUID, (id) => names.get(id)?.name ?? translate(lang, 'msg.words.unnamed'));
  for (const [pattern, key] of PHRASES) out = out.replace(pattern, translate(lang, key));
  out = out.replace(
    STATUS_LIST,
    (_whole, lead: string, list: string) =>
      `${lead} ${list.replace(STATUS_CODE, (code) => translate(lang, `status.${code}`).toLocaleLowerCase(LOCALE[lang]))}`,
  );
  return out.replace(KIND_CODE, (code) => `"${translate(lang, `kind.${code}`)}"`);
}

/** The ids of records that these texts name (those {@link engineTextForPeople} puts names for), once each. */
export function recordIdsIn(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((text) => text.match(UUID) ?? []))];
}

const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** A review as the engine names it: lead words, its id, and its date after it. */
const REVIEW_REFERENCE =
  /(the (?:policy|SPL) review |reviu (?:kebijakan|SPL) )?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})( of (\d{4}-\d{2}-\d{2})| tanggal (\d{4}-\d{2}-\d{2})| \((\d{4}-\d{2}-\d{2})\))/g;
// The codes the engine names: the kinds and statuses of evidence in its facts (facts.schema.json).
const { kind: EVIDENCE_KIND, status: EVIDENCE_STATUS } = factsSchema.$defs.evidence.properties;
// "other" is an ordinary word too; the remaining kind codes are not.
const KIND_CODE = new RegExp(`\\b(${EVIDENCE_KIND.enum.filter((k) => k !== 'other').join('|')})\\b`, 'g');
const STATUS_CODE = new RegExp(`\\b(${EVIDENCE_STATUS.enum.join('|')})\\b`, 'g');
const STATUS_LIST = new RegExp(
  `\\b(berstatus|status)\\s+((?:(?:${EVIDENCE_STATUS.enum.join('|')})(?:, | atau | or | dan | and )?)+)`,
  'g',
);
/** The engine's field-and-value phrases, in either language, and the words that replace them. */
const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/ \(replaces berisi id-nya\)| \(replaces set to its id\)/g, 'msg.words.replaces'],
  [/ \(done: true\)/g, 'msg.words.done'],
  [/ \(viaSpl\)/g, 'msg.words.empty'],
  [/ \(subject "(spl|policy)"\)/g, 'msg.words.empty'],
  [/regulatesSplpConnection true/g, 'msg.words.regulates_splp'],
  [/ \(splp\)| \(other_spl\)/g, 'msg.words.empty'],
  [/ \(units "all" atau memuat "[^"]*"\)| \(units "all" or listing "[^"]*"\)/g, 'msg.words.empty'],
  [/perluas units kebijakan/g, 'msg.words.extend_units'],
  [/extend a policy's units/g, 'msg.words.extend_units'],
  [/, atau isi dengan "all"|, or set them to "all"/g, 'msg.words.or_all_units'],
  [/berstatus "enacted"|with status "enacted"/g, 'msg.words.enacted'],
];
