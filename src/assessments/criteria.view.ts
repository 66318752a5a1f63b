import type { AssessedIndicator, Framework, KindSetName, SourcedText } from '../framework/framework.schema';
import { Lang, translate } from '../i18n/i18n';
import { evidenceIdOf } from '../levels/facts.builder';
import type { Facts } from '../scoring/facts.types';
import type { Reading } from '../scoring/readings';
import type { CriterionResult } from '../scoring/scoring.types';

/**
 * Every official column of an indicator's criteria for one edition, in the reader's language,
 * with the provenance of each text and, under each numbered evidence item, the kinds that satisfy
 * it and the agency's items of those kinds. One builder for the indicator page and the PDF.
 */
export interface TextView {
  text: string;
  /** The official Indonesian beside an English translation of a verbatim text. */
  official: string | null;
  verbatim: boolean;
  /** "Teks resmi ...", "Teks parafrase, bukan teks resmi", or the English equivalents. */
  form: string;
  source: string;
}

export interface KindView {
  kind: string;
  label: string;
  /** Counts only for an integration with the national SPLP. */
  splpOnly: boolean;
  /** The agency has a counting (submitted or accepted) item of this kind. */
  has: boolean;
}

export interface EvidenceRefView {
  id: string;
  title: string;
  status: string;
  statusLabel: string;
  counting: boolean;
}

export interface EvidenceItemView {
  n: number;
  text: TextView;
  kinds: KindView[];
  /** The first {@link EVIDENCE_SHOWN} of the agency's items of these kinds, counting ones first. */
  evidence: EvidenceRefView[];
  /** How many more items there are ("dan 12 lainnya"), 0 when all are shown. */
  more: number;
}

export interface LevelView {
  level: number;
  name: string;
  metSupported: boolean;
  metVerified: boolean;
  text: TextView;
  fulfilment: TextView;
  items: EvidenceItemView[];
}

export interface CriteriaView {
  explanations: { key: 'indicator' | 'assessment' | 'evidence'; label: string; text: TextView }[];
  levels: LevelView[];
}

export interface CriteriaInput {
  framework: Framework;
  indicator: number;
  edition: string;
  lang: Lang;
  supported: readonly CriterionResult[];
  verified: readonly CriterionResult[];
  facts: Facts;
  /** Evidence titles by evidence id (the facts carry ids, kinds and statuses only). */
  titles: ReadonlyMap<string, string>;
}

const COUNTING = new Set(['submitted', 'accepted']);
/** An agency can hold hundreds of items of one kind; the page and the PDF list a few per item. */
export const EVIDENCE_SHOWN = 10;

export function assessedIndicator(framework: Framework, indicator: number): AssessedIndicator {
  const assessed = Object.values(framework.assessment).find((a) => a.indicator === indicator);
  if (!assessed) throw new Error(`indicator ${indicator} is not assessed by ${framework.id}`);
  return assessed;
}

export function criteriaView(input: CriteriaInput): CriteriaView {
  const { framework, lang } = input;
  const assessed = assessedIndicator(framework, input.indicator);
  const criteria = assessed.criteria[input.edition] ?? assessed.criteria[framework.defaultEdition] ?? [];
  const text = (t: SourcedText) => textView(framework, t, lang);
  const evidence = relevantEvidence(input);
  const met = (results: readonly CriterionResult[], level: number) =>
    results.find((r) => r.level === level)?.met ?? false;
  return {
    explanations: (['indicator', 'assessment', 'evidence'] as const).map((key) => ({
      key,
      label: translate(lang, `criteria.explanation.${key}`),
      text: text(assessed.explanations[key]),
    })),
    levels: criteria.map((c) => ({
      level: c.level,
      name: framework.levels.find((l) => l.level === c.level)?.name[lang] ?? String(c.level),
      metSupported: met(input.supported, c.level),
      metVerified: met(input.verified, c.level),
      text: text(c.text),
      fulfilment: text(c.fulfilment),
      items: c.evidence.map((item, i) => {
        const kinds = kindViews(framework, item.kinds, lang);
        const accepted = new Set(kinds.map((k) => k.kind));
        const matching = evidence.filter((e) => accepted.has(e.kind));
        return {
          n: i + 1,
          text: text(item.text),
          kinds: kinds.map((k) => ({ ...k, has: matching.some((e) => e.kind === k.kind && e.counting) })),
          evidence: matching.slice(0, EVIDENCE_SHOWN).map(({ kind: _kind, ...ref }) => ref),
          more: Math.max(0, matching.length - EVIDENCE_SHOWN),
        };
      }),
    })),
  };
}

function textView(framework: Framework, t: SourcedText, lang: Lang): TextView {
  const verbatim = t.form === 'verbatim';
  return {
    text: t[lang],
    official: verbatim && lang !== 'id' ? t.id : null,
    verbatim,
    form: translate(lang, verbatim ? 'criteria.form.verbatim' : 'criteria.form.paraphrase'),
    source: framework.sources[t.source]?.[lang] ?? t.source,
  };
}

function kindViews(framework: Framework, sets: readonly KindSetName[], lang: Lang): Omit<KindView, 'has'>[] {
  const seen = new Map<string, Omit<KindView, 'has'>>();
  for (const set of sets) {
    for (const kind of framework.kindSets[set] ?? []) {
      if (seen.has(kind)) continue;
      const splpOnly = set === 'INTEGRATION_SPLP';
      const label = translate(lang, `kind.${kind}`);
      seen.set(kind, {
        kind,
        label: splpOnly ? `${label} (${translate(lang, 'criteria.splpOnly')})` : label,
        splpOnly,
      });
    }
  }
  return [...seen.values()];
}

/**
 * The agency's evidence for the indicator: filed under it, or linked to one of its records
 * (policies and policy reviews for Indicator 7; integrations, SPL reviews and follow-ups for 18),
 * since linked evidence counts whatever indicator it was filed under. One entry per item.
 */
function relevantEvidence(input: CriteriaInput): (EvidenceRefView & { kind: string })[] {
  const { facts, indicator, lang } = input;
  const linked = new Set(linkedIds(facts, indicator));
  const byId = new Map<string, EvidenceRefView & { kind: string }>();
  for (const e of facts.evidence) {
    if (e.indicator !== indicator && !linked.has(e.id)) continue;
    const id = evidenceIdOf(e.id);
    if (byId.has(id)) continue;
    byId.set(id, {
      id,
      title: input.titles.get(id) ?? id,
      kind: e.kind,
      status: e.status,
      statusLabel: translate(lang, `status.${e.status}`),
      counting: COUNTING.has(e.status),
    });
  }
  // Counting items first, so that what is shown is what the level rests on.
  return [...byId.values()].sort((a, b) => Number(b.counting) - Number(a.counting));
}

function linkedIds(facts: Facts, indicator: number): string[] {
  const reviews = (subject: 'spl' | 'policy') => (facts.reviews ?? []).filter((r) => r.subject === subject);
  if (indicator === 7)
    return [
      ...(facts.policies ?? []).flatMap((p) => p.evidence),
      ...reviews('policy').flatMap((r) => r.evidence),
    ];
  return [
    ...(facts.integrations ?? []).flatMap((i) => i.evidence),
    ...reviews('spl').flatMap((r) => [...r.evidence, ...(r.followUps ?? []).flatMap((f) => f.evidence)]),
  ];
}

export interface ReadingView {
  key: string;
  text: string;
  /** "12 bulan (bawaan edisi B)", "100%", or null for a reading without a value. */
  value: string | null;
}

/** Readings that concern a unit's level apply to Indicator 18 only. */
const INDICATOR_18_ONLY = new Set(['unitLevel2']);

export function readingsView(
  readings: readonly Reading[],
  indicator: number | null,
  period: { readonly edition: string; readonly reviewWindowMonths: number | null },
  lang: Lang,
): ReadingView[] {
  return readings
    .filter((r) => indicator === null || indicator === 18 || !INDICATOR_18_ONLY.has(r.key))
    .map((r) => ({ key: r.key, text: r.text, value: readingValue(r, period, lang) }));
}

/** The window's value, and whether the period sets it or its edition's default applies. */
function readingValue(
  r: Reading,
  period: { readonly edition: string; readonly reviewWindowMonths: number | null },
  lang: Lang,
): string | null {
  if (r.value === undefined) return null;
  if (r.key === 'reviewWindow') {
    const months = translate(lang, 'readings.months', { n: r.value });
    const source = period.reviewWindowMonths === null ? 'edition' : 'period';
    return `${months} (${translate(lang, `readings.source.${source}`, { edition: period.edition })})`;
  }
  if (r.key === 'coverage') return `${Math.round(r.value * 100)}%`;
  return String(r.value);
}
