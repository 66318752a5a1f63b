import { NextFunction, Request, Response } from 'express';
import { DEFAULT_LANG, LANGS, LANG_COOKIE, Lang, isLang } from './i18n';

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Chooses the language: `?lang=` (remembered in a cookie), then for the API `Accept-Language`,
 * then the cookie, then Indonesian. Pages ignore `Accept-Language`: the product speaks Indonesian
 * unless the person chose English, whatever the browser's settings.
 */
export function chooseLanguage(req: Request, res: Response, next: NextFunction): void {
  const query = req.query.lang;
  const cookie = (req.cookies as Record<string, unknown> | undefined)?.[LANG_COOKIE];
  let lang: Lang = DEFAULT_LANG;
  if (isLang(query)) {
    lang = query;
    res.cookie(LANG_COOKIE, lang, { httpOnly: true, sameSite: 'lax', maxAge: ONE_YEAR_MS, path: '/' });
  } else if (req.path.startsWith('/api/') && req.headers['accept-language']) {
    const accepted = req.acceptsLanguages(...LANGS);
    lang = isLang(accepted) ? accepted : isLang(cookie) ? cookie : DEFAULT_LANG;
  } else if (isLang(cookie)) {
    lang = cookie;
  }
  res.locals.lang = lang;
  next();
}

export function requestLang(res: Response): Lang {
  return isLang(res.locals.lang) ? res.locals.lang : DEFAULT_LANG;
}
