import { dateInWords } from '../i18n/dates';
import { translate, type Lang } from '../i18n/i18n';
import { localDecimal } from '../i18n/numbers';
import { ladderState, type LadderState } from '../scoring/levels';
import type { PemdiView } from './pemdi.service';

/** The Pemdi section of the agency dashboard and the indicator pages: words in the page's language. */
export interface PemdiPageView {
  readonly year: number;
  /** The package's version in words ("versi 2026.1"); its id is a code, not shown. */
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
    /** "Aspek 1": the code in words. */
    label: string;
    name: string;
    weight: string;
    index: string | null;
    indicators: {
      code: string;
      /** "Indikator 16": the code in words. */
      label: string;
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
        /** The source date in words ("30 November 2026"). */
        sourceDateText: string;
        version: number;
      } | null;
      provisionalSource: string | null;
      /** Each level's criteria read against the supported level: a met level above an unmet one is held. */
      criteria: { level: number; state: LadderState; stateLabel: string; text: string | null }[] | null;
      evidenceCount: number;
    }[];
  }[];
}

export function pemdiPageView(view: PemdiView, lang: Lang): PemdiPageView {
  const dec = (value: string | null) => (value === null ? null : localDecimal(lang, value));
  return {
    year: view.year,
    framework: translate(lang, 'pemdi.version', { version: view.framework.version }),
    frameworkTitle: view.framework.title[lang],
    index: dec(view.index.display),
    predicate: view.index.predicate?.[lang] ?? null,
    complete: view.index.complete,
    frozen: view.frozen,
    missing: view.index.missing.map((code) => indicatorWords(view, code, lang)).join('; '),
    bands: view.bands.map((b) => ({ name: b.name[lang], min: localDecimal(lang, b.min) })),
    aspects: view.aspects.map((a) => ({
      code: a.code,
      label: translate(lang, 'pemdi.aspectLabel', { n: a.code.replace(/^A/, '') }),
      name: a.name[lang],
      weight: localDecimal(lang, a.weight),
      index: dec(a.display),
      indicators: a.indicators.map((i) => ({
        code: i.code,
        label: translate(lang, 'pemdi.indicatorLabel', { n: i.code.replace(/^I/, '') }),
        name: i.name[lang],
        weight: localDecimal(lang, i.weight),
        mode: i.mode,
        claimed: i.claimed,
        validated: i.validated,
        supported: i.supported,
        verified: i.verified,
        level: dec(i.levelDisplay),
        from: i.level.from,
        external: i.external
          ? {
              ...i.external,
              value: localDecimal(lang, i.external.value),
              sourceDateText: dateInWords(lang, i.external.sourceDate),
            }
          : null,
        provisionalSource: i.provisional ? i.provisional.source[lang] : null,
        criteria: i.criteria
          ? i.criteria.map((c) => {
              const state = ladderState(c.level, c.met, i.supported ?? 0);
              return {
                level: c.level,
                state,
                stateLabel: translate(lang, `pemdi.criteria.${state}`),
                text: c.text ? c.text[lang] : null,
              };
            })
          : null,
        evidenceCount: i.evidenceIds.length,
      })),
    })),
  };
}

/** "Indikator 5 Tata Kelola Data" for the code "I5" (the code itself if the package lacks it). */
function indicatorWords(view: PemdiView, code: string, lang: Lang): string {
  const found = view.aspects.flatMap((a) => a.indicators).find((i) => i.code === code);
  const label = translate(lang, 'pemdi.indicatorLabel', { n: code.replace(/^I/, '') });
  return found ? `${label} ${found.name[lang]}` : label;
}
