import { randomUUID } from 'node:crypto';
import { InvalidStorageKeyError } from './storage.driver';

/**
 * The one place storage keys are built. Keys are made of ids the server generated, never of
 * names a user supplied, so a key can neither collide with nor escape into another file.
 */
export const EVIDENCE_PREFIX = 'evidence/';
export const TEMP_PREFIX = 'tmp/';
export const REPORTS_PREFIX = 'reports/';

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const AGENCY_ID = /^[A-Za-z0-9-]{1,64}$/;
const MAX_KEY_LENGTH = 1024;

/** Key of a committed evidence blob: `evidence/{agencyId}/{yyyy}/{uuid}`, the year from `at` in UTC. */
export function evidenceKey(agencyId: string, at: Date, id: string = randomUUID()): string {
  if (!AGENCY_ID.test(agencyId)) throw new InvalidStorageKeyError(agencyId, 'not an agency id');
  const year = String(at.getUTCFullYear()).padStart(4, '0');
  return assertStorageKey(`${EVIDENCE_PREFIX}${agencyId}/${year}/${id}`);
}

/** Key of an upload in progress, committed later with {@link evidenceKey} or swept when stale. */
export function tempKey(id: string = randomUUID()): string {
  return assertStorageKey(`${TEMP_PREFIX}${id}`);
}

/** Key of a generated report file (a roll-up made by a background job). */
export function reportKey(id: string): string {
  return assertStorageKey(`${REPORTS_PREFIX}${id}.pdf`);
}

export function isTempKey(key: string): boolean {
  return key.startsWith(TEMP_PREFIX);
}

/** Throws unless `key` is relative, made of safe segments, and free of `.`/`..`; returns it. */
export function assertStorageKey(key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new InvalidStorageKeyError(key, 'empty or too long');
  }
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..') {
      throw new InvalidStorageKeyError(key, `bad segment ${JSON.stringify(segment)}`);
    }
  }
  return key;
}

/** A listing prefix is valid when some valid key could start with it ('' lists everything). */
export function assertStoragePrefix(prefix: string): string {
  if (prefix !== '') assertStorageKey(`${prefix}x`);
  return prefix;
}

const MAX_NAME_LENGTH = 200;
const MAX_EXTENSION_LENGTH = 16;
/** Control, format (bidi overrides, zero-width), private-use, lone surrogates, line separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/gu;
const RESERVED = /[<>:"|?*\\/]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A user's file name made safe to show and to offer as a download name: no folders, no
 * invisible or reserved characters, at most 200 characters with the extension kept.
 * Unicode letters stay. Never used to build a key.
 */
export function sanitizeFileName(original: string | undefined): string {
  const base = (original ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    .replace(INVISIBLE, '')
    .replace(RESERVED, '')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  name = capLength(name);
  return name === '' ? 'file' : name;
}

function capLength(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH ? name.slice(dot) : '';
  const stem = Array.from(extension ? name.slice(0, dot) : name);
  return (
    stem
      .slice(0, MAX_NAME_LENGTH - Array.from(extension).length)
      .join('')
      .trimEnd() + extension
  );
}

/**
 * A Content-Disposition value with an ASCII `filename` for old clients and the exact name in an
 * RFC 5987 `filename*`, which every current browser prefers.
 */
export function contentDisposition(name: string, type: 'attachment' | 'inline'): string {
  const safe = sanitizeFileName(name);
  // '%' is replaced too: some clients percent-decode the plain filename parameter.
  const ascii = safe.replace(/[^\x20-\x7e]|[%"\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
