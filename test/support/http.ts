import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CSRF_COOKIE, csrfToken } from '../../src/web/csrf';
import { SESSION_COOKIE } from '../../src/access/access.guard';

/** Cookies and the matching CSRF form token for a browser-like session in tests. */
export function browserSession(sessionSecret: string, session?: string) {
  const csrfCookie = 'test-csrf-cookie-value-0123456789';
  const cookies = [`${CSRF_COOKIE}=${csrfCookie}`];
  if (session) cookies.push(`${SESSION_COOKIE}=${session}`);
  return { cookie: cookies.join('; '), csrf: csrfToken(sessionSecret, csrfCookie) };
}

export function http(app: INestApplication) {
  return request(app.getHttpServer());
}

export function cookieValue(setCookie: string[] | string | undefined, name: string): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of list) {
    const match = c.match(new RegExp(`^${name}=([^;]*)`));
    if (match) return decodeURIComponent(match[1]);
  }
  return undefined;
}

/** A supertest parser that keeps a binary body (PDF, ZIP, XLSX) as one Buffer. */
export function binary(res: NodeJS.EventEmitter, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
