import type { Lang } from './i18n';

/** A calendar date ("2026-05-10") as people write it: "10 Mei 2026", "10 May 2026". */
export function dateInWords(lang: Lang, isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(date);
}
