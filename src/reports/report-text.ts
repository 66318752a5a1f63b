import { Lang, translate } from '../i18n/i18n';
import { formatNumber, numberLocale } from '../i18n/numbers';

/** A message of the reports section of the app's catalogues (`reports.*`). */
export function reportText(lang: Lang, key: string, vars: Record<string, unknown> = {}): string {
  return translate(lang, `reports.${key}`, vars);
}

/** A message outside the reports section (kinds, statuses, stages), shared with the pages. */
export function appText(lang: Lang, key: string, vars: Record<string, unknown> = {}): string {
  return translate(lang, key, vars);
}

export { formatNumber } from '../i18n/numbers';

/** The gap of a code such as I18_L3_UNITS_BELOW_L2 in words ("some units below level 2"). */
export function gapWhat(lang: Lang, code: string): string {
  const suffix = /^I\d+_(?:UNIT_)?L\d_(.+)$/.exec(code)?.[1] ?? code;
  const key = `gapCode.${suffix.startsWith('NO_') && suffix.endsWith('_INTEGRATION') ? 'NO_REQUIRED_INTEGRATION' : suffix}`;
  const text = reportText(lang, key);
  return text === `reports.${key}` ? suffix : text;
}

/** Reports state times in UTC, named as such, so one file reads the same in every time zone. */
export function formatTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Month label such as "Jan" / "Mei" for a `YYYY-MM` key. */
export function monthLabel(lang: Lang, month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(numberLocale(lang), { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, m - 1, 1)),
  );
}

export function percent(lang: Lang, ratio: number): string {
  return `${formatNumber(lang, ratio * 100, 0)}%`;
}
