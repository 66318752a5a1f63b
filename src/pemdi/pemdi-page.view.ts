import type { Lang } from '../i18n/i18n';
import { localDecimal } from '../i18n/numbers';
import type { PemdiView } from './pemdi.service';

/** The Pemdi section of the agency dashboard and the indicator pages: words in the page's language. */
export interface PemdiPageView {
  readonly year: number;
  readonly framework: string;
  readonly frameworkTitle: string;
  readonly index: string | null;
  readonly predicate: string | null;
  readonly complete: boolean;
  /** The agency's results are frozen: nothing changes any more. */
  readonly frozen: boolean;
  readonly missing: string;
  readonly bands: { name: string; min: string }[];
  readonly aspects: {
    code: string;
    name: string;
    weight: string;
    index: string | null;
    indicators: {
      code: string;
      name: string;
      weight: string;
      mode: string;
      claimed: number | null;
      validated: number | null;
      supported: number | null;
      verified: number | null;
      level: string | null;
      from: string | null;
      external: {
        value: string;
        source: string;
        sourceUrl: string | null;
        sourceDate: string;
        version: number;
      } | null;
      provisionalSource: string | null;
      criteria: { level: number; met: boolean; text: string | null }[] | null;
      evidenceCount: number;
    }[];
  }[];
}

export function pemdiPageView(view: PemdiView, lang: Lang): PemdiPageView {
  const dec = (value: string | null) => (value === null ? null : localDecimal(lang, value));
  return {
    year: view.year,
    framework: `${view.framework.id} ${view.framework.version}`,
    frameworkTitle: view.framework.title[lang],
    index: dec(view.index.display),
    predicate: view.index.predicate?.[lang] ?? null,
    complete: view.index.complete,
    frozen: view.frozen,
    missing: view.index.missing.join(', '),
    bands: view.bands.map((b) => ({ name: b.name[lang], min: localDecimal(lang, b.min) })),
    aspects: view.aspects.map((a) => ({
      code: a.code,
      name: a.name[lang],
      weight: a.weight,
      index: dec(a.display),
      indicators: a.indicators.map((i) => ({
        code: i.code,
        name: i.name[lang],
        weight: i.weight,
        mode: i.mode,
        claimed: i.claimed,
        validated: i.validated,
        supported: i.supported,
        verified: i.verified,
        level: dec(i.levelDisplay),
        from: i.level.from,
        external: i.external ? { ...i.external, value: localDecimal(lang, i.external.value) } : null,
        provisionalSource: i.provisional ? i.provisional.source[lang] : null,
        criteria: i.criteria
          ? i.criteria.map((c) => ({ level: c.level, met: c.met, text: c.text ? c.text[lang] : null }))
          : null,
        evidenceCount: i.evidenceIds.length,
      })),
    })),
  };
}
