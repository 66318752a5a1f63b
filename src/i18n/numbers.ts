import { Lang } from './i18n';

/** Numbers people read: Indonesian style in Indonesian (1.234,5), English style in English (1,234.5). */
const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `value` with `digits` decimals (or between `digits` and `maxDigits`); trailing zeros beyond
 * `digits` are dropped, so 1.30 with (0, 2) reads "1,3" and 99.934 with (0, 2) reads "99,93".
 */
export function formatNumber(lang: Lang, value: number, digits = 0, maxDigits = digits): string {
  const key = `${lang}:${digits}:${maxDigits}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], {
      minimumFractionDigits: digits,
      maximumFractionDigits: Math.max(digits, maxDigits),
    });
    formatters.set(key, format);
  }
  return format.format(value);
}

/** A percentage given as a number of percent (76.9 → "76,9%"), at most `maxDigits` decimals. */
export function formatPercent(lang: Lang, percent: number, maxDigits = 1): string {
  return `${formatNumber(lang, percent, 0, maxDigits)}%`;
}

/** A ratio as a percentage (0.769 → "76,9%"). */
export function formatRatio(lang: Lang, ratio: number, maxDigits = 1): string {
  return formatPercent(lang, ratio * 100, maxDigits);
}

export function numberLocale(lang: Lang): string {
  return LOCALES[lang];
}

/**
 * A decimal already written with a point and fixed places ("2.66", the index as computed in
 * exact hundredths), in the reader's style: "2,66" in Indonesian. Re-parsing it as a float
 * would risk the rounding the hundredths arithmetic avoids.
 */
export function localDecimal(lang: Lang, text: string): string {
  return lang === 'id' ? text.replace(/(\d)\.(\d)/g, '$1,$2') : text;
}
