import { Response } from 'express';
import { Actor, can } from '../access/actor';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { Page } from './paging';

/**
 * Why the agency's data is closed, as AgencyLockInterceptor leaves it in `res.locals.agencyLock`
 * (workflow-core's AgencyDataLock has this shape; the kernel names no feature).
 */
interface ClosedData {
  year: number;
  stage: string;
  submitted: boolean;
}

export type Section =
  | 'units'
  | 'applications'
  | 'spl'
  | 'policies'
  | 'reviews'
  | 'integrations'
  | 'evidence'
  | 'import'
  | 'roadmap';

/** What every agency-data page shows: where it is, the section links, and whether forms are offered. */
export function pageModel(res: Response, actor: Actor, agencyId: string, section: Section, titleKey: string) {
  const lang = requestLang(res);
  // Set by AgencyLockInterceptor: the stage closed the agency's data, so forms are not offered.
  const lock = res.locals.agencyLock as ClosedData | null | undefined;
  const canWrite = can(actor, 'agency.write') && !lock;
  return {
    title: translate(lang, titleKey),
    activeNav: 'agency',
    agencyId,
    section,
    // The import page is for those who may write agency data: others are not shown a link that refuses them.
    sections: (
      ['units', 'applications', 'spl', 'policies', 'reviews', 'integrations', 'evidence', 'import'] as const
    )
      .filter((s) => s !== 'import' || can(actor, 'agency.write'))
      .map((s) => ({
        key: s,
        labelKey: `data.nav.${s}`,
        current: s === section,
      })),
    canWrite,
    lockedReason:
      lock && can(actor, 'agency.write')
        ? translate(lang, lock.submitted ? 'pages.stage.dataSubmitted' : 'pages.stage.dataClosed', {
            year: lock.year,
            stage: translate(lang, `stage.${lock.stage}`),
          })
        : null,
    // Operators limited to units enter applications only.
    canWriteAgency: canWrite && !(actor.role === 'operator' && actor.unitIds !== null),
  };
}

/** Previous/next links that keep the current filters. */
export function pager(page: Page<unknown>, query: Record<string, unknown>, path: string) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (v !== undefined && v !== '' && k !== 'page') params.set(k, String(v));
    params.set('page', String(n));
    return `${path}?${params.toString()}`;
  };
  return {
    current: page.page,
    pages,
    prev: page.page > 1 ? link(page.page - 1) : null,
    next: page.page < pages ? link(page.page + 1) : null,
  };
}

export const options = (values: readonly string[], prefix: string) =>
  values.map((v) => ({ value: v, labelKey: `${prefix}.${v}` }));
