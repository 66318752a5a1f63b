import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Secrets are 256 random bits; personal tokens carry a prefix so leaks are easy to grep for. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmacHex(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const PERSONAL_TOKEN_PREFIX = 'spbe_pat_';
