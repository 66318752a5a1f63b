import { Response } from 'express';
import { SESSION_COOKIE } from '../access/access.guard';
import { AuthConfig } from '../config/app-config';

export function setSessionCookie(res: Response, secret: string, auth: AuthConfig): void {
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: auth.secureCookies,
    maxAge: auth.sessionMaxMs,
    path: '/',
  });
}

export function clearSessionCookie(res: Response, auth: AuthConfig): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: auth.secureCookies, path: '/' });
}

/** Only same-site paths: `/x` yes, `//evil.example` and absolute URLs no. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}
