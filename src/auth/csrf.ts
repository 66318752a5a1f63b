import { NextFunction, Request, Response } from 'express';
import { hmacHex, newSecret, safeEqual } from './token-secrets';

export const CSRF_COOKIE = 'spbe_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Signed double-submit: the browser holds a random cookie, and forms carry an HMAC of it that
 * only this server can compute. A cross-site form can send the cookie but cannot know the token.
 */
export function csrfCookieMiddleware(secret: string, secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    let value = (req.cookies as Record<string, string | undefined>)[CSRF_COOKIE];
    if (!value || value.length < 20 || value.length > 100) {
      value = rotateCsrfCookie(req, res, secure);
    }
    res.locals.csrfToken = csrfToken(secret, value);
    next();
  };
}

/**
 * A new CSRF cookie (at first visit, and at login so that a token seen before signing in, by
 * someone sharing the browser or planted by an attacker, is worthless afterwards).
 */
export function rotateCsrfCookie(req: Request, res: Response, secure: boolean): string {
  const value = newSecret();
  res.cookie(CSRF_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  (req.cookies as Record<string, string>)[CSRF_COOKIE] = value;
  return value;
}

export function csrfToken(secret: string, cookieValue: string): string {
  return hmacHex(secret, `csrf:${cookieValue}`);
}

export function csrfValid(secret: string, req: Request): boolean {
  const cookie = (req.cookies as Record<string, string | undefined>)[CSRF_COOKIE];
  const body = req.body as Record<string, unknown> | undefined;
  const header = req.headers[CSRF_HEADER];
  // A multipart body is parsed only after the guard runs, so upload forms carry the token in the URL.
  const query = req.is('multipart/form-data')
    ? (req.query as Record<string, unknown>)[CSRF_FIELD]
    : undefined;
  const sent =
    typeof body?.[CSRF_FIELD] === 'string'
      ? body[CSRF_FIELD]
      : typeof header === 'string'
        ? header
        : typeof query === 'string'
          ? query
          : '';
  return Boolean(cookie) && typeof sent === 'string' && safeEqual(sent, csrfToken(secret, cookie as string));
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
