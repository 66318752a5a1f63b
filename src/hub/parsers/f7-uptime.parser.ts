import { readDocument } from './document';
import { childPath, FieldReader, isObject, type JsonObject } from './field-reader';
import { HubFileError } from './hub-file.error';
import type { HubRecord, UptimeBucket, UptimeIncident } from './hub.types';
import {
  bad,
  badReason,
  requireHub,
  row,
  type ParseItem,
  type ParserContext,
  type ParserInput,
} from './parser-kit';
import { parseTemplateCsv, rowHub, rowPeriod } from './template-csv';
import { numberOf, textOf } from './values';

export const UPTIME_REQUIRED_COLUMNS = ['monitor_name', 'period_start', 'period_end', 'uptime_pct'] as const;

/** F7: UptimeRobot v2 `getMonitors` JSON, or the uptime CSV template. */
export async function* parseUptime(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  if (ctx.variant === 'F7-csv') {
    yield* parseTemplateCsv(input, ctx, UPTIME_REQUIRED_COLUMNS, uptimeCsvRow);
    return;
  }
  const hubId = requireHub(ctx);
  const doc = await readDocument(input.body, ctx.limits.maxDocumentBytes, input.fileName);
  if (!isObject(doc) || !Array.isArray(doc.monitors)) {
    const error = isObject(doc) && isObject(doc.error) ? textOf(doc.error.message) : undefined;
    const reason = error
      ? `UptimeRobot answered with an error: ${error}`
      : 'expected "monitors" (getMonitors v2)';
    throw new HubFileError('INVALID_DOCUMENT', reason, { path: '$.monitors' });
  }
  for (const [i, monitor] of doc.monitors.entries()) {
    const path = childPath('$.monitors', i);
    if (!isObject(monitor)) yield badReason('expected a monitor object', { path });
    else yield monitorBuckets(new FieldReader(monitor, path), hubId, ctx);
  }
}

interface Period {
  start: Date;
  end: Date;
  uptimePct: number;
}

function monitorBuckets(r: FieldReader, hubId: string, ctx: ParserContext): ParseItem {
  const monitorId = r.text('id', true);
  const monitorName = r.text('friendly_name', true);
  const logs = readLogs(r);
  const periods = uptimePeriods(r, ctx, logs);
  if (!r.ok || monitorId === undefined || monitorName === undefined || !periods) return bad(r.problems);
  const url = r.text('url');
  const records: HubRecord[] = periods.map((period) => {
    const incidents = clipIncidents(logs, period);
    const bucket: UptimeBucket = {
      hubId,
      monitorId,
      monitorName,
      url,
      periodStart: period.start,
      periodEnd: period.end,
      uptimePct: period.uptimePct,
      avgResponseMs: averageResponse(r, period),
      downEvents: incidents.length,
      downtimeSec: incidents.reduce((sum, incident) => sum + incident.durationSec, 0),
      incidents,
      source: ctx.variant,
    };
    return { kind: 'uptime', value: bucket };
  });
  return row(...records);
}

/** Dash-joined ratios (`"100.000-99.987"`), one per requested period. */
function ratios(r: FieldReader, key: string, expected: number): number[] | undefined {
  const text = r.text(key);
  if (text === undefined) return undefined;
  const values = text.split('-').map((part) => numberOf(part));
  if (values.some((v) => v === undefined || v < 0 || v > 100))
    return r.fail(key, `has a value that is not a percentage: ${text}`);
  if (values.length !== expected) {
    return r.fail(key, `has ${values.length} value(s) but ${expected} period(s) were stated for the import`);
  }
  return values as number[];
}

/**
 * Exact ranges first, then rolling windows ending at the export time, then the all-time ratio
 * from the monitor's creation (or first log) to the export time (or last log).
 */
function uptimePeriods(r: FieldReader, ctx: ParserContext, logs: Log[]): Period[] | undefined {
  const { ranges, ratioDays, exportedAt } = ctx.uptime;
  const byRange = ranges?.length ? ratios(r, 'custom_uptime_ranges', ranges.length) : undefined;
  if (ranges && byRange) return ranges.map((range, i) => ({ ...range, uptimePct: byRange[i] }));
  const byWindow =
    ratioDays?.length && exportedAt ? ratios(r, 'custom_uptime_ratio', ratioDays.length) : undefined;
  if (ratioDays && exportedAt && byWindow) {
    return ratioDays.map((days, i) => ({
      start: new Date(exportedAt.getTime() - days * 86_400_000),
      end: exportedAt,
      uptimePct: byWindow[i],
    }));
  }
  const allTime = r.number('all_time_uptime_ratio', { min: 0 });
  const created = r.number('create_datetime', { min: 0 });
  const start = created ? created * 1000 : logs[0]?.start;
  const end = exportedAt?.getTime() ?? Math.max(...logs.map((log) => log.start + log.durationSec * 1000));
  if (allTime !== undefined && start !== undefined && Number.isFinite(end) && end > start) {
    return [{ start: new Date(start), end: new Date(end), uptimePct: allTime }];
  }
  if (!r.ok) return undefined;
  return r.fail(
    'custom_uptime_ranges',
    'no uptime figure for a known period: export with custom_uptime_ranges and state the ranges, ' +
      'or with all_time_uptime_ratio and logs',
  );
}

interface Log {
  type: number;
  start: number;
  durationSec: number;
  reason?: string;
}

/** `logs[]`: type 1 down, 2 up, 98 started, 99 paused; times in unix seconds, often as strings. */
function readLogs(r: FieldReader): Log[] {
  const logs: Log[] = [];
  for (const [i, item] of (r.array('logs') ?? []).entries()) {
    if (!isObject(item)) continue;
    const log = new FieldReader(item, childPath(`${r.path}.logs`, i), r.problems);
    const type = log.number('type', { required: true, integer: true });
    const datetime = log.number('datetime', { required: true, min: 0 });
    const duration = log.number('duration', { min: 0 }) ?? 0;
    const reason = log.child('reason');
    if (type === undefined || datetime === undefined) continue;
    logs.push({ type, start: datetime * 1000, durationSec: duration, reason: reason?.text('detail') });
  }
  return logs.sort((a, b) => a.start - b.start);
}

/** Down logs cut to the period, so an outage spanning two months counts in each its share. */
function clipIncidents(logs: Log[], period: Period): UptimeIncident[] {
  const incidents: UptimeIncident[] = [];
  for (const log of logs) {
    if (log.type !== 1) continue;
    const start = Math.max(log.start, period.start.getTime());
    const end = Math.min(log.start + log.durationSec * 1000, period.end.getTime());
    if (end > start)
      incidents.push({ start: new Date(start), durationSec: (end - start) / 1000, reason: log.reason });
  }
  return incidents;
}

function averageResponse(r: FieldReader, period: Period): number | undefined {
  const inPeriod = (r.array('response_times') ?? [])
    .filter(isObject)
    .map((item: JsonObject) => ({ at: (numberOf(item.datetime) ?? -1) * 1000, value: numberOf(item.value) }))
    .filter(
      (item) =>
        item.value !== undefined && item.at >= period.start.getTime() && item.at < period.end.getTime(),
    );
  if (inPeriod.length > 0)
    return inPeriod.reduce((sum, item) => sum + (item.value ?? 0), 0) / inPeriod.length;
  return numberOf(r.obj.average_response_time);
}

function uptimeCsvRow(r: FieldReader, ctx: ParserContext): HubRecord | undefined {
  const hubId = rowHub(r, ctx);
  const monitorName = r.text('monitor_name', true);
  const period = rowPeriod(r, 'period_start', 'period_end');
  const uptimePct = r.number('uptime_pct', { required: true, min: 0 });
  if (uptimePct !== undefined && uptimePct > 100) r.fail('uptime_pct', 'must be at most 100');
  const avgResponseMs = r.number('avg_response_ms', { min: 0 });
  const downEvents = r.number('down_events', { integer: true, min: 0 });
  const downtimeSec = r.number('downtime_sec', { min: 0 });
  if (!hubId || !monitorName || !period || uptimePct === undefined || !r.ok) return undefined;
  const url = r.text('url');
  const bucket: UptimeBucket = {
    hubId,
    monitorId: url ?? monitorName,
    monitorName,
    url,
    periodStart: period.start,
    periodEnd: period.end,
    uptimePct,
    avgResponseMs,
    downEvents,
    downtimeSec,
    source: ctx.variant,
  };
  return { kind: 'uptime', value: bucket };
}
