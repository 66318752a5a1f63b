import { NextFunction, Request, Response } from 'express';

/**
 * Pages confirm a save by redirecting with a notice parameter (`?saved=1`, `?deleted=1`,
 * `?carried=3`). The parameter is taken out of the URL here, before routing, so no page's query
 * validation ever sees it, and the layout shows the confirmation it stands for.
 */
const NOTICES: Record<string, string> = {
  created: 'pages.notice.created',
  saved: 'pages.notice.saved',
  deleted: 'pages.notice.deleted',
  carried: 'pages.notice.carried',
  assigned: 'pages.notice.assigned',
  reset: 'pages.notice.reset',
  frozen: 'pages.notice.frozen',
};

export interface PageNotice {
  key: string;
  n: number;
}

export function takePageNotice(req: Request, res: Response, next: NextFunction): void {
  const mark = req.url.indexOf('?');
  if (req.method !== 'GET' || mark < 0 || req.path.startsWith('/api/')) return next();
  const params = new URLSearchParams(req.url.slice(mark + 1));
  const found = Object.keys(NOTICES).find((name) => params.has(name));
  if (!found) return next();
  const count = Number(params.get(found));
  res.locals.notice = { key: NOTICES[found], n: Number.isInteger(count) ? count : 1 } satisfies PageNotice;
  for (const name of Object.keys(NOTICES)) params.delete(name);
  const rest = params.toString();
  req.url = req.url.slice(0, mark) + (rest ? `?${rest}` : '');
  res.locals.currentPath = req.url;
  next();
}
