import { NextFunction, Request, Response } from 'express';
import { hmacHex, newSecret, safeEqual } from '../common/token-secrets';

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
  // A multipart body is parsed only after the guard runs: its first field was read ahead.
  const multipart = (req as MultipartPeeked)[PEEKED_TOKEN];
  const sent =
    typeof body?.[CSRF_FIELD] === 'string'
      ? body[CSRF_FIELD]
      : typeof header === 'string'
        ? header
        : typeof multipart === 'string'
          ? multipart
          : '';
  return Boolean(cookie) && typeof sent === 'string' && safeEqual(sent, csrfToken(secret, cookie as string));
}

const PEEKED_TOKEN = Symbol('csrf token of a multipart form');
type MultipartPeeked = Request & { [PEEKED_TOKEN]?: string };
/** The hidden field is the form's first; its part fits in the first few KB of the body. */
const PEEK_BYTES = 4096;

/**
 * Upload forms send the CSRF token as their first field. Before any guard, this reads the first
 * bytes of a multipart POST, takes that field if it is there, and puts the bytes back for multer,
 * so the token never travels in the URL (where it would land in logs).
 */
export function peekMultipartCsrf(req: Request, _res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
  // Paused mode: read what has arrived and unshift it back; the stream cannot end in between.
  req.once('readable', () => {
    const head = req.read() as Buffer | null;
    if (head) {
      const token = firstFieldValue(head.subarray(0, PEEK_BYTES).toString('latin1'), CSRF_FIELD);
      if (token) (req as MultipartPeeked)[PEEKED_TOKEN] = token;
      req.unshift(head);
    }
    next();
  });
}

/** The value of the body's first part when that part is the named field. */
function firstFieldValue(head: string, name: string): string | undefined {
  const match = head.match(
    new RegExp(
      `^--[^\\r\\n]+\\r\\nContent-Disposition: form-data; name="${name}"\\r\\n\\r\\n([A-Za-z0-9]{1,200})\\r\\n`,
      'i',
    ),
  );
  return match?.[1];
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
