import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of an unsubscribe link: which person and which kind of mail, signed with the app's
 * secret (HMAC-SHA256). It grants exactly one thing without signing in: turning that mail off.
 */
export function unsubscribeToken(secret: string, userId: string, kind: string): string {
  const body = Buffer.from(`${userId}:${kind}`).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function readUnsubscribeToken(
  secret: string,
  token: unknown,
): { userId: string; kind: string } | null {
  if (typeof token !== 'string' || token.length > 300) return null;
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, kind] = Buffer.from(body, 'base64url').toString('utf8').split(':');
  return userId && kind ? { userId, kind } : null;
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${body}`).digest('base64url');
}
