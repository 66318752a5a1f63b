import type { Lang } from '../../i18n/i18n';
import { render } from '../../i18n/message';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { HubRecord, RowProblem } from './hub.types';
import { parseHubFile, type ParseHubFileOptions, type ParseResult } from './parse-hub-file';

/** Test helpers: the fixture folder, parsing a fixture for a default hub, picking records by kind. */
export const FIXTURE_DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hub');

export const fixturePath = (name: string): string => join(FIXTURE_DIR, name);

export const HUB = 'splp-bandung';

export function parseFixture(name: string, options: ParseHubFileOptions = {}): Promise<ParseResult> {
  return parseHubFile({ path: fixturePath(name) }, { hubId: HUB, ...options });
}

export function parseText(
  text: string,
  fileName: string,
  options: ParseHubFileOptions = {},
): Promise<ParseResult> {
  return parseHubFile({ buffer: Buffer.from(text, 'utf8'), fileName }, { hubId: HUB, ...options });
}

/** A stream that hands out `text` in chunks of the given sizes (cycling), to test chunk boundaries. */
export function chunkedStream(text: string | Buffer, sizes: readonly number[]): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const chunks: Buffer[] = [];
  for (let offset = 0, i = 0; offset < bytes.length; i += 1) {
    const size = Math.max(1, sizes[i % sizes.length]);
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(chunks, { objectMode: false });
}

type Kind = HubRecord['kind'];
type RecordOf<K extends Kind> = Extract<HubRecord, { kind: K }>;

export function valuesOf<K extends Kind>(result: ParseResult, kind: K): Array<RecordOf<K>['value']> {
  const matching = result.records.filter((r): r is RecordOf<K> => r.kind === kind);
  return matching.map((r) => r.value as RecordOf<K>['value']);
}

/** Problems with their reasons in `lang` (English by default), as a person would read them. */
export function inLang(problems: readonly RowProblem[], lang: Lang = 'en'): RowProblem[] {
  return problems.map((p) => ({
    ...p,
    reason: typeof p.reason === 'string' ? p.reason : render(lang, p.reason),
  }));
}
