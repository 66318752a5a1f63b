import { isMessage, type Message, msg } from '../../i18n/message';
import { csvRows, detectDelimiter } from './csv-rows';
import { normaliseCsvHeader } from './detect';
import { readDocument } from './document';
import { isObject } from './field-reader';
import { jsonObjects } from './json-seq';
import { lineBatches } from './lines';
import { badReason, type ParseItem, type ParserContext, type ParserInput } from './parser-kit';
import { eventFrom, type EventKindHint, type UsageEvent } from './usage-event';

/**
 * F5: raw WSO2 analytics events, from `apim_metrics.log`, JSON lines of Elasticsearch documents,
 * pretty-printed events or an array of them,
 * an Elasticsearch search response, or a Kibana Discover CSV. Line formats stream in batches;
 * the driver folds the events into buckets, so no event outlives its batch.
 */
export async function* parseAnalytics(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  if (ctx.variant === 'F5-csv') yield* parseCsvEvents(input, ctx);
  else if (ctx.variant === 'F5-es-search') yield* parseSearchResponse(input, ctx);
  else if (ctx.variant === 'F5-json') yield* parseJsonEvents(input, ctx);
  else yield* parseLines(input, ctx, ctx.variant === 'F5-log' ? logLineJson : ndjsonLine);
}

type LineDecoder = (text: string) => { json: string; hint: EventKindHint } | Message;

async function* parseLines(
  input: ParserInput,
  ctx: ParserContext,
  decode: LineDecoder,
): AsyncGenerator<ParseItem> {
  const maxLine = ctx.limits.maxLineBytes;
  for await (const batch of lineBatches(input.body, maxLine)) {
    const events: UsageEvent[] = [];
    for (let i = 0; i < batch.lines.length; i += 1) {
      const text = batch.lines[i];
      const line = batch.firstLine + i;
      if (text === null) {
        yield badReason(msg('msg.hubrow.lineTooLong', { max: maxLine }), { line });
        continue;
      }
      if (text.trim() === '') continue;
      const result = eventFromLine(text, decode, ctx.tenantDomain);
      if (isMessage(result)) yield badReason(result, { line });
      else events.push(result);
    }
    if (events.length > 0) yield { kind: 'events', events };
  }
}

function eventFromLine(text: string, decode: LineDecoder, tenant: string): UsageEvent | Message {
  const decoded = decode(text);
  if (isMessage(decoded)) return decoded;
  let doc: unknown;
  try {
    doc = JSON.parse(decoded.json);
  } catch (error) {
    return msg('msg.hubrow.invalidJson', { detail: (error as Error).message });
  }
  if (!isObject(doc)) return msg('msg.hubrow.notJsonObject');
  const source = isObject(doc._source) ? doc._source : doc;
  const event = eventFrom(source, decoded.hint, tenant);
  return Array.isArray(event) ? joined(event) : event;
}

const MARKER = 'apimMetrics:';

/** All that is wrong with one event, as one reason. */
function joined(reasons: Message[]): Message {
  return reasons.reduce((first, rest) => msg('msg.hubrow.several', { first, rest }));
}

/**
 * `10:15:30,451 [-] [thread]  INFO ELKCounterMetric apimMetrics: apim:response, properties :{...}`.
 * Same reading as WSO2's Fluent Bit regex (name up to the first comma, then the JSON object from
 * the first `{` after it to the last `}`), done with indexOf because a regex with lazy groups
 * costs more than the JSON parse on million-line files.
 */
export function logLineJson(text: string): { json: string; hint: EventKindHint } | Message {
  const marker = text.indexOf(MARKER);
  const comma = marker < 0 ? -1 : text.indexOf(',', marker);
  const open = comma < 0 ? -1 : text.indexOf('{', comma);
  const close = text.lastIndexOf('}');
  if (open < 0 || close < open || !text.slice(comma + 1, open).includes(':')) {
    return msg('msg.hubrow.notLogLine');
  }
  const name = text.slice(marker + MARKER.length, comma).trim();
  if (name !== 'apim:response' && name !== 'apim:faulty') return msg('msg.hubrow.unknownEvent', { name });
  return { json: text.slice(open, close + 1), hint: name === 'apim:response' ? 'response' : 'fault' };
}

function ndjsonLine(text: string): { json: string; hint: EventKindHint } {
  return { json: text, hint: undefined };
}

/**
 * One event pretty-printed (as Kibana's "Inspect" or a hand export shows it), several back to
 * back, or a JSON array of them: each object is read on its own and counted as one row.
 */
async function* parseJsonEvents(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  for await (const item of jsonObjects(input.body, ctx.limits.maxLineBytes)) {
    if ('error' in item) {
      yield badReason(item.error, { line: item.line });
      continue;
    }
    const doc = item.value;
    const source = isObject(doc) && isObject(doc._source) ? doc._source : doc;
    const event = isObject(source)
      ? eventFrom(source, undefined, ctx.tenantDomain)
      : [msg('msg.hubrow.notEvent')];
    if (Array.isArray(event)) yield badReason(joined(event), { line: item.line });
    else yield { kind: 'events', events: [event] };
  }
}

async function* parseSearchResponse(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  const doc = await readDocument(input.body, ctx.limits.maxDocumentBytes, input.fileName);
  const hits = isObject(doc) && isObject(doc.hits) ? doc.hits.hits : undefined;
  if (!Array.isArray(hits)) {
    yield badReason(msg('msg.hubrow.esHits'), { path: '$.hits.hits' });
    return;
  }
  for (const [i, hit] of hits.entries()) {
    const path = `$.hits.hits[${i}]._source`;
    const source = isObject(hit) ? hit._source : undefined;
    const event = isObject(source)
      ? eventFrom(source, undefined, ctx.tenantDomain)
      : [msg('msg.hubrow.notEvent')];
    if (Array.isArray(event)) yield badReason(joined(event), { path });
    else yield { kind: 'events', events: [event] };
  }
}

/** Kibana column names (any case, `.keyword` dropped) back to the event field names. */
const EVENT_FIELDS = [
  'requestTimestamp',
  'correlationId',
  'eventType',
  'keyType',
  'apiId',
  'apiName',
  'apiVersion',
  'apiContext',
  'apiCreator',
  'apiCreatorTenantDomain',
  'applicationId',
  'applicationName',
  'applicationOwner',
  'proxyResponseCode',
  'targetResponseCode',
  'errorType',
  'errorCode',
  'responseLatency',
  'backendLatency',
  'requestMediationLatency',
  'responseMediationLatency',
  'platform',
  'userAgent',
];
const FIELD_BY_HEADER = new Map(EVENT_FIELDS.map((field) => [field.toLowerCase(), field]));

async function* parseCsvEvents(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  const delimiter = detectDelimiter(input.head.toString('utf8').split(/\r?\n/, 1)[0]);
  const normalise = (header: string): string => {
    const key = normaliseCsvHeader(header);
    return FIELD_BY_HEADER.get(key) ?? key;
  };
  const rows = csvRows(input.body, { delimiter, maxRecordBytes: ctx.limits.maxLineBytes, normalise });
  for await (const item of rows) {
    if ('header' in item) continue;
    if ('error' in item) {
      yield badReason(item.error, { line: item.line });
      continue;
    }
    const event = eventFrom(item.cells, undefined, ctx.tenantDomain);
    if (Array.isArray(event)) yield badReason(joined(event), { line: item.line });
    else yield { kind: 'events', events: [event] };
  }
}
