import en from './messages/en.json';
import id from './messages/id.json';

export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'id';
export const LANG_COOKIE = 'lang';

const catalogs: Record<Lang, Record<string, string>> = { id, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Looks a message up; falls back to Indonesian, then to the key itself so a gap is visible. */
export function translate(lang: Lang, key: string, vars: Record<string, unknown> = {}): string {
  const template = catalogs[lang][key] ?? catalogs[DEFAULT_LANG][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function catalogKeys(lang: Lang): string[] {
  return Object.keys(catalogs[lang]).sort();
}

/**
 * A code's words from the catalogue (`codeLabel('id', 'hub.lifecycle', 'PUBLISHED')` →
 * "Diterbitkan"); a code the catalogue does not know (a source's own term) is given as it is.
 */
export function codeLabel(lang: Lang, prefix: string, code: unknown): string {
  if (code === null || code === undefined || code === '') return '–';
  const key = `${prefix}.${String(code)}`;
  return key in catalogs[DEFAULT_LANG] ? translate(lang, key) : String(code);
}

export function hasMessage(key: string): boolean {
  return key in catalogs[DEFAULT_LANG];
}
