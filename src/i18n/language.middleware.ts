import { NextFunction, Request, Response } from 'express';
import { DEFAULT_LANG, LANG_COOKIE, Lang, isLang } from './i18n';

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** Chooses the page language: `?lang=` (remembered in a cookie), then the cookie, then Indonesian. */
export function chooseLanguage(req: Request, res: Response, next: NextFunction): void {
  const query = req.query.lang;
  const cookie = (req.cookies as Record<string, unknown> | undefined)?.[LANG_COOKIE];
  let lang: Lang = DEFAULT_LANG;
  if (isLang(query)) {
    lang = query;
    res.cookie(LANG_COOKIE, lang, { httpOnly: true, sameSite: 'lax', maxAge: ONE_YEAR_MS, path: '/' });
  } else if (isLang(cookie)) {
    lang = cookie;
  }
  res.locals.lang = lang;
  next();
}

export function requestLang(res: Response): Lang {
  return isLang(res.locals.lang) ? res.locals.lang : DEFAULT_LANG;
}
