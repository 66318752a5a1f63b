import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { create } from 'express-handlebars';
import type { HelperOptions } from 'handlebars';
import { Actor } from '../access/actor';
import { Permission, hasPermission } from '../access/roles';
import { Lang, translate } from '../i18n/i18n';

interface RootContext {
  lang?: Lang;
  currentPath?: string;
}

function rootOf(options: HelperOptions): RootContext {
  return (options.data as { root?: RootContext }).root ?? {};
}

/** Helpers are the only logic the templates may use; output stays auto-escaped. */
const helpers = {
  t(key: string, options: HelperOptions): string {
    return translate(rootOf(options).lang ?? 'id', key, options.hash as Record<string, unknown>);
  },
  eq: (a: unknown, b: unknown) => a === b,
  can: (actor: Actor | undefined, permission: Permission) =>
    Boolean(actor && hasPermission(actor.role, permission)),
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
  langUrl(lang: string, options: HelperOptions): string {
    const url = new URL(rootOf(options).currentPath ?? '/', 'http://local');
    url.searchParams.set('lang', lang);
    return `${url.pathname}${url.search}`;
  },
};

/** Handlebars with a base layout and partials; `{{ }}` escapes, `{{{ }}}` only for the layout body. */
export function setUpViews(app: NestExpressApplication): void {
  const viewsDir = join(__dirname, '..', 'views');
  const engine = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: join(viewsDir, 'layouts'),
    partialsDir: join(viewsDir, 'partials'),
    helpers,
  });
  app.engine('hbs', engine.engine);
  app.setBaseViewsDir(viewsDir);
  app.setViewEngine('hbs');
}
