import { msg } from '../../i18n/message';
import { APICTL_API_HEADER, APICTL_APP_HEADER } from './apictl-table';
import { detectDelimiter, splitHeader } from './csv-rows';
import { HubFileError } from './hub-file.error';
import type { DetectedFormat, FormatVariant, ImportFormat } from './hub.types';

/**
 * Decides the format of a hub export from its first bytes (hubdata.md §6.2), so users need not
 * know what "APIList" or "apim_event_response" mean. Key names are sniffed rather than parsed:
 * the head of a large document is not valid JSON on its own. Rules run from the most specific
 * shape to the most generic one. Throws a HubFileError naming what was expected when nothing fits.
 */
export function detectFormat(head: Buffer, fileName: string): DetectedFormat {
  const binary = detectBinary(head, fileName);
  if (binary) return binary;
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  const found =
    first === '{' || first === '['
      ? detectJson(text, first)
      : (detectLog(text) ?? detectTable(text) ?? detectYaml(text) ?? detectCsv(text));
  if (found) return found;
  throw new HubFileError(
    'UNKNOWN_FORMAT',
    msg('msg.hubfile.unknownFormat', { file: fileName, formats: Object.values(FORMAT_LABELS).join('; ') }),
  );
}

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  F1: 'F1 Publisher API list/detail JSON or apictl get apis output',
  F2: 'F2 apictl export archive (zip) or its api.yaml',
  F3: 'F3 OpenAPI 3 / Swagger 2 document',
  F4: 'F4 subscriptions, applications or application.yaml',
  F5: 'F5 raw analytics events (apim_metrics.log, JSON lines, CSV)',
  F6: 'F6 aggregated usage CSV (template)',
  F7: 'F7 UptimeRobot v2 getMonitors or v3 /monitors JSON, or uptime CSV (template)',
  F8: 'F8 work-unit mapping or hub CSV (template)',
};

export function familyOf(variant: FormatVariant): ImportFormat {
  return variant.slice(0, 2) as ImportFormat;
}

function found(variant: FormatVariant, reason: string): DetectedFormat {
  return { family: familyOf(variant), variant, reason };
}

function detectBinary(head: Buffer, fileName: string): DetectedFormat | undefined {
  const magic = head.subarray(0, 4).toString('latin1');
  if (magic === 'PK\x03\x04' || magic === 'PK\x05\x06') return found('F2-zip', 'zip archive');
  if (head[0] === 0x1f && head[1] === 0x8b) {
    throw new HubFileError('UNSUPPORTED_FORMAT', msg('msg.hubfile.gzip', { file: fileName }));
  }
  if (magic === '%PDF') {
    throw new HubFileError('UNSUPPORTED_FORMAT', msg('msg.hubfile.pdf', { file: fileName }));
  }
  if (/\.zip$/i.test(fileName)) {
    throw new HubFileError('INVALID_DOCUMENT', msg('msg.hubfile.fakeZip', { file: fileName }));
  }
  if (head.subarray(0, 4096).includes(0)) {
    throw new HubFileError('UNKNOWN_FORMAT', msg('msg.hubfile.binary', { file: fileName }));
  }
  return undefined;
}

function jsonKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const match of text.matchAll(/"((?:[^"\\\n]|\\.){1,80})"\s*:/g)) keys.add(match[1]);
  return keys;
}

function detectJson(text: string, first: string): DetectedFormat | undefined {
  const keys = jsonKeys(text);
  const has = (...names: string[]): boolean => names.every((name) => keys.has(name));
  const oas = /"(openapi|swagger)"\s*:\s*"?\d/.exec(text);
  if (oas) return found(oas[1] === 'openapi' ? 'F3-openapi3' : 'F3-swagger2', `"${oas[1]}" version key`);
  if (has('stat') && (has('monitors') || has('error'))) {
    return found('F7-uptimerobot-v2', '"stat" and "monitors" (UptimeRobot v2)');
  }
  if (has('friendlyName') && (has('monitors') || has('data') || has('nextCursorId') || first === '[')) {
    return found('F7-uptimerobot-v3', '"friendlyName" monitors (UptimeRobot v3 /monitors)');
  }
  if (has('subscribedAPIs')) return found('F4-application', '"subscribedAPIs" (application export)');
  if (/"type"\s*:\s*"api"/.test(text) && has('data')) return found('F2-4x-api', '"type": "api" envelope');
  if (has('providerName', 'apiName')) return found('F2-3x-api', '"id.providerName" (APIM 3.x export)');
  if (has('subscriptionId', 'applicationInfo')) {
    return has('subscriptionStatus')
      ? found('F4-publisher-subs', '"subscriptionStatus" (Publisher subscriptions)')
      : found('F4-devportal-subs', '"subscriptionId" with "applicationInfo" (Devportal subscriptions)');
  }
  return detectJsonLists(keys, first, text);
}

/** JSON lines start every line with an object; pretty-printed objects and arrays do not. */
function oneObjectPerLine(text: string): boolean {
  const first = text.trimStart().split(/\r?\n/, 1)[0].trim();
  return first.startsWith('{') && first.endsWith('}');
}

function detectJsonLists(keys: Set<string>, first: string, text: string): DetectedFormat | undefined {
  const has = (...names: string[]): boolean => names.every((name) => keys.has(name));
  if (has('LifeCycleStatus')) {
    return first === '['
      ? found('F1-apictl-array', 'capitalised "LifeCycleStatus" in an array (apictl --format jsonArray)')
      : found('F1-apictl-ndjson', 'capitalised "LifeCycleStatus" (apictl --format json)');
  }
  if (has('Id', 'Name', 'Owner')) return found('F4-apictl-apps', 'capitalised "Owner" (apictl get apps)');
  if (has('hits', '_source', 'requestTimestamp'))
    return found('F5-es-search', 'Elasticsearch search response');
  if (has('requestTimestamp') && (has('correlationId') || has('apiName'))) {
    return oneObjectPerLine(text)
      ? found('F5-ndjson', '"correlationId" and "requestTimestamp" (analytics events, one per line)')
      : found('F5-json', '"correlationId" and "requestTimestamp" (pretty-printed or array of events)');
  }
  if (has('applicationId', 'list') && (has('owner') || has('subscriber'))) {
    return found('F4-app-list', '"applicationId" items with "owner" (application list)');
  }
  if (has('list') && (has('lifeCycleStatus') || has('context')))
    return found('F1-list', '"list" of APIs (APIList)');
  if (has('name', 'version', 'context'))
    return found('F1-detail', '"name", "version" and "context" (API detail)');
  return undefined;
}

const LOG_LINE = /apimMetrics:\s*apim:(response|faulty)\s*,/;

function detectLog(text: string): DetectedFormat | undefined {
  return LOG_LINE.test(text)
    ? found('F5-log', '"apimMetrics: apim:response" lines (apim_metrics.log)')
    : undefined;
}

/** `apictl get apis|apps` without --format: the text table. */
function detectTable(text: string): DetectedFormat | undefined {
  const header = text.trimStart().split(/\r?\n/, 1)[0];
  if (APICTL_API_HEADER.test(header)) return found('F1-apictl-table', 'apictl get apis table header');
  if (APICTL_APP_HEADER.test(header)) return found('F4-apictl-apps-table', 'apictl get apps table header');
  return undefined;
}

/** A top-level scalar as YAML reads it: without a trailing ` # comment` and without quotes. */
export function yamlScalar(raw: string): string {
  const value = raw.trim();
  const quoted = /^(["'])(.*?)\1/.exec(value);
  if (quoted) return quoted[2];
  return value.replace(/(^|\s+)#.*$/, '').trim();
}

function detectYaml(text: string): DetectedFormat | undefined {
  const top = new Map<string, string>();
  for (const match of text.matchAll(/^([A-Za-z_][\w-]*)\s*:[ \t]*(.*)$/gm)) {
    if (!top.has(match[1])) top.set(match[1], yamlScalar(match[2]));
  }
  if (top.has('openapi')) return found('F3-openapi3', 'top-level "openapi" key');
  if (top.has('swagger')) return found('F3-swagger2', 'top-level "swagger" key');
  const type = top.get('type');
  if (type === 'api' && top.has('data')) return found('F2-4x-api', '"type: api" envelope (api.yaml)');
  if (type === 'application' || /^\s+subscribedAPIs\s*:/m.test(text)) {
    return found('F4-application', 'application export (application.yaml)');
  }
  if (type === 'api_product') {
    throw new HubFileError('UNSUPPORTED_FORMAT', msg('msg.hubfile.apiProduct'));
  }
  if (top.has('id') && /^\s+providerName\s*:/m.test(text))
    return found('F2-3x-api', '"id.providerName" (3.x api.yaml)');
  return undefined;
}

function detectCsv(text: string): DetectedFormat | undefined {
  const firstLine = text.split(/\r?\n/, 1)[0];
  const delimiter = detectDelimiter(firstLine);
  const header = new Set(splitHeader(firstLine, delimiter).map(normaliseCsvHeader));
  const has = (...names: string[]): boolean => names.every((name) => header.has(name));
  if (header.size < 2) return undefined;
  if (has('period_start', 'total_calls')) return found('F6-csv', 'usage template header');
  if (has('monitor_name', 'uptime_pct')) return found('F7-csv', 'uptime template header');
  if (has('work_unit_code', 'match_type')) return found('F8-units', 'work-unit mapping template header');
  if (has('hub_id', 'hub_name', 'level')) return found('F8-hubs', 'hub template header');
  if (has('requesttimestamp') && (has('correlationid') || has('apiname'))) {
    return found('F5-csv', 'analytics field names in the header (Kibana CSV)');
  }
  return undefined;
}

/** Lower-case, without the `.keyword` sub-field or `_source.` prefix Kibana and ES exports add. */
export function normaliseCsvHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^_source\./, '')
    .replace(/\.keyword$/, '')
    .toLowerCase();
}
