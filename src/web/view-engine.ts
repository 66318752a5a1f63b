import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { create } from 'express-handlebars';
import type { HelperOptions } from 'handlebars';
import { periodWords, type PeriodNaming } from '../framework/period-words';
import { Lang, codeLabel, translate } from '../i18n/i18n';
import { formatNumber, formatPercent } from '../i18n/numbers';
import { PostedForm, markFieldErrors } from './form-field-errors';

interface RootContext {
  lang?: Lang;
  currentPath?: string;
  postedForm?: PostedForm;
}

function rootOf(options: HelperOptions): RootContext {
  return (options.data as { root?: RootContext }).root ?? {};
}

function numberText(
  lang: Lang,
  value: unknown,
  args: unknown[],
  format: (lang: Lang, n: number, digits: number, maxDigits: number) => string,
): string {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  if (!Number.isFinite(n)) return '–';
  const [digits, maxDigits] = args.map(Number);
  return format(
    lang,
    n,
    Number.isFinite(digits) ? digits : 0,
    Number.isFinite(maxDigits) ? maxDigits : digits || 0,
  );
}

/** Helpers are the only logic the templates may use; output stays auto-escaped. */
const helpers = {
  t(key: string, options: HelperOptions): string {
    return translate(rootOf(options).lang ?? 'id', key, options.hash as Record<string, unknown>);
  },
  /** `{{num value 2}}`: a number in the page's language, with 2 decimals ("3,68" / "3.68"). */
  num(value: unknown, ...rest: unknown[]): string {
    const options = rest.pop() as HelperOptions;
    return numberText(rootOf(options).lang ?? 'id', value, rest, formatNumber);
  },
  /** `{{pct value 1}}`: a number of percent, at most 1 decimal ("76,9%" / "76.9%"). */
  pct(value: unknown, ...rest: unknown[]): string {
    const options = rest.pop() as HelperOptions;
    return numberText(rootOf(options).lang ?? 'id', value, rest, (lang, n, digits) =>
      formatPercent(lang, n, digits),
    );
  },
  /** `{{periodLine period}}`: "Periode 2026 · edisi kriteria B", or the framework's title and version. */
  periodLine(period: PeriodNaming, options: HelperOptions): string {
    return periodWords(period, rootOf(options).lang ?? 'id');
  },
  /**
   * `{{label "hub.lifecycle" api.lifecycleStatus}}`: a code's words from the catalogue
   * (`hub.lifecycle.PUBLISHED` → "Diterbitkan"); a code the catalogue does not know (a source's
   * own term) is shown as it is.
   */
  label(prefix: string, code: unknown, options: HelperOptions): string {
    return codeLabel(rootOf(options).lang ?? 'id', prefix, code);
  },
  eq: (a: unknown, b: unknown) => a === b,
  /** `{{or form.x record.x}}`: the first value given (what was entered, else what is stored). */
  or: (...values: unknown[]) => values.slice(0, -1).find((v) => v !== undefined && v !== null && v !== ''),
  isNumber: (value: unknown) => typeof value === 'number',
  add: (a: number, b: number) => Number(a) + Number(b),
  array: (...items: unknown[]) => items.slice(0, -1),
  concat: (...parts: unknown[]) => parts.slice(0, -1).join(''),
  date: (value: unknown) => {
    const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : '';
    return text.slice(0, 16).replace('T', ' ');
  },
  bytes: (n: number) =>
    n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`,
  includes: (list: unknown, value: unknown) =>
    Array.isArray(list) ? list.includes(value) : list !== undefined && list === value,
  join: (list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : '',
  /** `{{{markFieldErrors body}}}` in the layout: the refused form's fields marked, each with its message. */
  markFieldErrors(body: unknown, options: HelperOptions): string {
    return markFieldErrors(typeof body === 'string' ? body : '', rootOf(options).postedForm);
  },
  langUrl(lang: string, options: HelperOptions): string {
    const url = new URL(rootOf(options).currentPath ?? '/', 'http://local');
    url.searchParams.set('lang', lang);
    return `${url.pathname}${url.search}`;
  },
};

/** Handlebars with a base layout and partials; `{{ }}` escapes, `{{{ }}}` only for the layout body. */
/**
 * `can(actor, permission)` answers the templates' `{{#if (can actor 'x')}}`: access rules belong
 * to src/access, which the caller names, so the view layer knows no feature.
 */
export function setUpViews(
  app: NestExpressApplication,
  can: (actor: unknown, permission: string) => boolean,
): void {
  const viewsDir = join(__dirname, '..', 'views');
  const engine = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: join(viewsDir, 'layouts'),
    partialsDir: join(viewsDir, 'partials'),
    helpers: { ...helpers, can },
  });
  app.engine('hbs', engine.engine);
  app.setBaseViewsDir(viewsDir);
  app.setViewEngine('hbs');
}
