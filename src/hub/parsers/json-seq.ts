import { type Message, msg } from '../../i18n/message';
import { StringDecoder } from 'node:string_decoder';
import { HubFileError } from './hub-file.error';

/**
 * Reads a stream of JSON objects written one after another: JSON lines, objects pretty-printed
 * back to back (`apictl get apis --format "{{ jsonPretty . }}"`), or one top-level array of
 * objects (`--format jsonArray`). Each object is parsed on its own, so a broken one is reported
 * with its line and the rest are still read.
 */
export type JsonSeqItem = { line: number; value: unknown } | { line: number; error: Message };

interface ScanState {
  line: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
  inArray: boolean;
  started: boolean;
  skipToLineEnd: boolean;
  parts: string[];
  partsLength: number;
  valueLine: number;
}

export async function* jsonObjects(
  chunks: AsyncIterable<Buffer>,
  maxObjectChars: number,
): AsyncGenerator<JsonSeqItem> {
  const decoder = new StringDecoder('utf8');
  const state: ScanState = {
    line: 1,
    depth: 0,
    inString: false,
    escaped: false,
    inArray: false,
    started: false,
    skipToLineEnd: false,
    parts: [],
    partsLength: 0,
    valueLine: 1,
  };
  for await (const chunk of chunks) yield* scan(decoder.write(chunk), state, maxObjectChars);
  yield* scan(decoder.end(), state, maxObjectChars);
  if (state.depth > 0) yield { line: state.valueLine, error: msg('msg.hubrow.endsInside') };
}

function* scan(text: string, s: ScanState, maxChars: number): Generator<JsonSeqItem> {
  let valueStart = s.depth > 0 ? 0 : -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\n') s.line += 1;
    if (s.depth > 0) {
      if (!stepInside(c, s)) continue;
      s.parts.push(text.slice(valueStart, i + 1));
      valueStart = -1;
      yield parseValue(s);
    } else if (s.skipToLineEnd) {
      if (c === '\n') s.skipToLineEnd = false;
    } else if (c === '{') {
      s.depth = 1;
      s.valueLine = s.line;
      valueStart = i;
    } else {
      const error = stepOutside(c, s);
      if (error) yield error;
    }
  }
  if (s.depth > 0 && valueStart >= 0) {
    s.parts.push(text.slice(valueStart));
    s.partsLength += text.length - valueStart;
    if (s.partsLength > maxChars) {
      throw new HubFileError('TOO_LARGE', msg('msg.hubfile.objectTooLong', { line: s.valueLine }), {
        line: s.valueLine,
      });
    }
  }
}

/** Advances the scanner inside an object; true when the object just closed. */
function stepInside(c: string, s: ScanState): boolean {
  if (s.inString) {
    if (s.escaped) s.escaped = false;
    else if (c === '\\') s.escaped = true;
    else if (c === '"') s.inString = false;
    return false;
  }
  if (c === '"') s.inString = true;
  else if (c === '{' || c === '[') s.depth += 1;
  else if (c === '}' || c === ']') s.depth -= 1;
  return s.depth === 0;
}

function stepOutside(c: string, s: ScanState): JsonSeqItem | undefined {
  if (c === ' ' || c === '\t' || c === '\r' || c === '\n') return undefined;
  if (c === '[' && !s.started) {
    s.inArray = true;
    s.started = true;
    return undefined;
  }
  if (s.inArray && (c === ',' || c === ']')) return undefined;
  s.skipToLineEnd = true;
  return { line: s.line, error: msg('msg.hubrow.unexpected', { char: JSON.stringify(c) }) };
}

function parseValue(s: ScanState): JsonSeqItem {
  const text = s.parts.join('');
  s.parts = [];
  s.partsLength = 0;
  s.started = true;
  try {
    return { line: s.valueLine, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { line: s.valueLine, error: msg('msg.hubrow.invalidJson', { detail: (error as Error).message }) };
  }
}
