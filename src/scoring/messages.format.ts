import type { Lang } from './scoring.types';

/** Small language-aware formatting helpers for messages. */
export interface Formatter {
  /** "a, b or c" / "a, b atau c". */
  or(items: readonly string[]): string;
  /** "a, b and c" / "a, b dan c". */
  and(items: readonly string[]): string;
  /** 0.5 -> "50%", 1/3 -> "33.3%" ("33,3%" in Indonesian). */
  percent(value: number): string;
  quote(items: readonly string[]): string[];
}

const WORDS: Record<Lang, { or: string; and: string; decimal: string }> = {
  en: { or: 'or', and: 'and', decimal: '.' },
  id: { or: 'atau', and: 'dan', decimal: ',' },
};

export function formatter(lang: Lang): Formatter {
  const words = WORDS[lang];
  const join = (items: readonly string[], word: string): string =>
    items.length <= 1
      ? (items[0] ?? '')
      : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
  return {
    or: (items) => join(items, words.or),
    and: (items) => join(items, words.and),
    percent: (value) => `${String(Math.round(value * 1000) / 10).replace('.', words.decimal)}%`,
    quote: (items) => items.map((item) => `"${item}"`),
  };
}
