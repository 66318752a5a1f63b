import { BadRequestException } from '@nestjs/common';
import { Lang, translate } from '../i18n/i18n';

/** The longest link an item may hold (characters of the URL as given and as normalised). */
export const LINK_URL_MAX = 2000;

/** MIME types a link's snapshot may have: what a person can open beside the link. */
export const SNAPSHOT_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/png', 'image/jpeg']);

export type LinkProblem =
  | 'empty'
  | 'too_long'
  | 'control'
  | 'invalid'
  | 'scheme'
  | 'credentials'
  | 'host'
  | 'captured_missing'
  | 'captured_future'
  | 'captured_invalid'
  | 'with_files'
  | 'nothing'
  | 'snapshot_without_link'
  | 'snapshot_count'
  | 'snapshot_type';

export type LinkCheck = { ok: true; url: string } | { ok: false; problem: LinkProblem; scheme?: string };

// Control characters (C0, DEL, C1), invisible format characters (zero-width, bidi overrides) and
// every space or line/paragraph separator: none belongs in a link a person is asked to trust.
const CONTROL_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}]/u;

/**
 * Decides whether `raw` is a link the app may store: parsed by the WHATWG URL parser (the one
 * browsers use, so what is stored is what a browser opens), http or https only, with a host and
 * without credentials, control characters or whitespace. Never fetches anything.
 */
export function checkLinkUrl(raw: string): LinkCheck {
  if (!raw.length) return { ok: false, problem: 'empty' };
  if (raw.length > LINK_URL_MAX) return { ok: false, problem: 'too_long' };
  if (CONTROL_OR_SPACE.test(raw)) return { ok: false, problem: 'control' };
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { ok: false, problem: 'scheme', scheme: parsed.protocol };
  if (parsed.username || parsed.password) return { ok: false, problem: 'credentials' };
  if (!parsed.hostname) return { ok: false, problem: 'host' };
  // Normalising may percent-encode characters and grow the text past the limit.
  if (parsed.href.length > LINK_URL_MAX) return { ok: false, problem: 'too_long' };
  return { ok: true, url: parsed.href };
}

export interface LinkInput {
  url?: string;
  capturedAt?: string;
  /** The upload page's "Berkas"/"Tautan" choice. */
  source?: 'file' | 'link';
}

export type ItemSource =
  | { ok: true; link: { url: string; capturedAt: string } | null }
  | { ok: false; problem: LinkProblem; scheme?: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDate = (s: string) =>
  ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s;

/**
 * What a new item is: files (`link` null) or a link with an optional snapshot, never neither and
 * never both. A `url` that is sent, even blank, makes a link unless files came with it blank (the
 * upload page posts its empty link field beside the files).
 */
export function itemSource(
  input: LinkInput,
  files: readonly unknown[],
  snapshot: readonly { detectedMime: string }[],
  today: string,
): ItemSource {
  const url = input.url ?? '';
  const wantsLink = input.source === 'link' || url !== '' || (input.url !== undefined && files.length === 0);
  if (!wantsLink) {
    if (snapshot.length) return { ok: false, problem: 'snapshot_without_link' };
    return files.length ? { ok: true, link: null } : { ok: false, problem: 'nothing' };
  }
  if (files.length) return { ok: false, problem: 'with_files' };
  const problem = snapshotProblem(snapshot, 0);
  if (problem) return { ok: false, problem };
  return checkLink(url, input.capturedAt ?? '', today);
}

/**
 * A change of an item's link: a link item may change its URL or capture date (checked like a new
 * one); a file item cannot become a link.
 */
export function linkUpdate(
  current: { url: string | null; capturedAt: string | null },
  input: LinkInput,
  today: string,
): ItemSource {
  if (input.url === undefined && input.capturedAt === undefined) return { ok: true, link: null };
  if (!current.url) return { ok: false, problem: 'with_files' };
  return checkLink(input.url ?? current.url, input.capturedAt ?? current.capturedAt ?? '', today);
}

function checkLink(url: string, capturedAt: string, today: string): ItemSource {
  const checked = checkLinkUrl(url.trim() === '' ? '' : url);
  if (!checked.ok) return checked;
  if (!capturedAt) return { ok: false, problem: 'captured_missing' };
  if (!isCalendarDate(capturedAt)) return { ok: false, problem: 'captured_invalid' };
  if (capturedAt > today) return { ok: false, problem: 'captured_future' };
  return { ok: true, link: { url: checked.url, capturedAt } };
}

/** A link keeps at most one file, its snapshot, and only as PDF, PNG or JPEG. */
export function snapshotProblem(
  snapshot: readonly { detectedMime: string }[],
  alreadyStored: number,
): LinkProblem | null {
  if (snapshot.length + alreadyStored > 1) return 'snapshot_count';
  if (snapshot.some((f) => !SNAPSHOT_TYPES.has(f.detectedMime))) return 'snapshot_type';
  return null;
}

/**
 * The latest calendar date anywhere in Indonesia (UTC+9, WIT): a capture "today" in Jayapura is
 * never refused as a future date by a server that runs on UTC.
 */
export function latestIndonesianDate(now: Date): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

const FIELD: Record<LinkProblem, string> = {
  empty: 'url',
  too_long: 'url',
  control: 'url',
  invalid: 'url',
  scheme: 'url',
  credentials: 'url',
  host: 'url',
  captured_missing: 'capturedAt',
  captured_invalid: 'capturedAt',
  captured_future: 'capturedAt',
  with_files: 'files',
  nothing: 'files',
  snapshot_without_link: 'snapshot',
  snapshot_count: 'snapshot',
  snapshot_type: 'snapshot',
};

/**
 * A refused link, answered 400. The message comes from the catalogue in the request's language
 * and starts with the field it is about; `code` and `field` are for programs.
 */
export function linkRefused(lang: Lang, problem: LinkProblem, vars: Record<string, unknown> = {}) {
  const field = FIELD[problem];
  return new BadRequestException({
    message: translate(lang, `evidence.link.error.${problem}`, { field, max: LINK_URL_MAX, ...vars }),
    code: `link_${problem}`,
    field,
  });
}
