import { msg } from '../../i18n/message';
import { readDocument } from './document';
import { childPath, FieldReader, isObject, type JsonObject } from './field-reader';
import { HubFileError } from './hub-file.error';
import type { HubRecord, MonitorState, MonitorStatus, UptimeBucket, UptimeIncident } from './hub.types';
import { parseUptimeV3 } from './f7-uptime-v3.parser';
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
import { numberOf, textOf, timeOf } from './values';

export const UPTIME_REQUIRED_COLUMNS = ['monitor_name', 'period_start', 'period_end', 'uptime_pct'] as const;

/** F7: UptimeRobot v2 `getMonitors` or v3 `/monitors` JSON, or the uptime CSV template. */
export async function* parseUptime(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  if (ctx.variant === 'F7-csv') {
    yield* parseTemplateCsv(input, ctx, UPTIME_REQUIRED_COLUMNS, uptimeCsvRow);
    return;
  }
  const hubId = requireHub(ctx);
  const doc = await readDocument(input.body, ctx.limits.maxDocumentBytes, input.fileName);
  if (ctx.variant === 'F7-uptimerobot-v3') {
    yield* parseUptimeV3(doc, hubId, ctx);
    return;
  }
  if (!isObject(doc) || !Array.isArray(doc.monitors)) {
    const error = isObject(doc) && isObject(doc.error) ? textOf(doc.error.message) : undefined;
    const reason = error ? msg('msg.hubfile.uptimeError', { error }) : msg('msg.hubfile.uptimeV2');
    throw new HubFileError('INVALID_DOCUMENT', reason, { path: '$.monitors' });
  }
  for (const [i, monitor] of doc.monitors.entries()) {
    const path = childPath('$.monitors', i);
    if (!isObject(monitor)) yield badReason(msg('msg.hubrow.notMonitor'), { path });
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
  records.push({
    kind: 'monitor',
    value: monitorState(r, { hubId, monitorId, monitorName, url }, logs, ctx),
  });
  return row(...records);
}

const V2_STATUS: Record<number, MonitorStatus> = { 0: 'PAUSED', 1: 'UNKNOWN', 2: 'UP', 8: 'DOWN', 9: 'DOWN' };
const LOG_STATUS: Record<number, MonitorStatus> = { 1: 'DOWN', 2: 'UP', 98: 'UP', 99: 'PAUSED' };

type MonitorIdentity = Pick<MonitorState, 'hubId' | 'monitorId' | 'monitorName' | 'url'>;

/** Status now and since when (the latest log of that status), the latest downtime, the SSL expiry. */
function monitorState(r: FieldReader, id: MonitorIdentity, logs: Log[], ctx: ParserContext): MonitorState {
  const code = numberOf(r.obj.status);
  const status = code !== undefined ? (V2_STATUS[code] ?? 'UNKNOWN') : 'UNKNOWN';
  const latest = [...logs].reverse();
  const since = latest.find((log) => LOG_STATUS[log.type] === status);
  const down = latest.find((log) => log.type === 1);
  const ssl = isObject(r.obj.ssl) ? r.obj.ssl : undefined;
  const lastEnd = logs.length
    ? Math.max(...logs.map((log) => log.start + log.durationSec * 1000))
    : undefined;
  return {
    ...id,
    status,
    statusSince: since ? new Date(since.start) : undefined,
    lastDowntime: down
      ? { start: new Date(down.start), durationSec: down.durationSec, reason: down.reason }
      : undefined,
    avgResponseMs: numberOf(r.obj.average_response_time),
    sslExpiresAt: ssl ? timeOf(ssl.expires) : undefined,
    sslIssuer: ssl ? (textOf(ssl.brand) ?? textOf(ssl.product)) : undefined,
    observedAt: ctx.uptime.exportedAt ?? (lastEnd !== undefined ? new Date(lastEnd) : undefined),
    source: ctx.variant,
  };
}

/** Dash-joined ratios (`"100.000-99.987"`), one per requested period. */
function ratios(r: FieldReader, key: string, expected: number): number[] | undefined {
  const text = r.text(key);
  if (text === undefined) return undefined;
  const values = text.split('-').map((part) => numberOf(part));
  if (values.some((v) => v === undefined || v < 0 || v > 100))
    return r.fail(key, msg('msg.hubrow.notPercentage', { text }));
  if (values.length !== expected) {
    return r.fail(key, msg('msg.hubrow.periodCount', { count: values.length, expected }));
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
  const logged = r.ok ? loggedSpan(logs, exportedAt) : undefined;
  if (logged) return [logged];
  if (!r.ok) return undefined;
  return r.obj.custom_uptime_ratio !== undefined
    ? r.fail('custom_uptime_ratio', msg('msg.hubrow.uptimeWindows'))
    : r.fail('custom_uptime_ranges', msg('msg.hubrow.uptimeNoPeriod'));
}

/**
 * Without any ratio, the logs still tell the downtime over the span they cover: from the first
 * log to the export time (or the end of the last log). Paused time is left out of the span.
 */
export function loggedSpan(logs: Log[], exportedAt?: Date): Period | undefined {
  if (!logs.length) return undefined;
  const start = logs[0].start;
  const end = exportedAt?.getTime() ?? Math.max(...logs.map((log) => log.start + log.durationSec * 1000));
  if (!(end > start)) return undefined;
  const span = { start: new Date(start), end: new Date(end), uptimePct: 100 };
  const within = (type: number) =>
    clipIncidents(
      logs.filter((log) => log.type === type).map((log) => ({ ...log, type: 1 })),
      span,
    ).reduce((sum, incident) => sum + incident.durationSec, 0);
  const counted = (end - start) / 1000 - within(99);
  if (counted <= 0) return undefined;
  return { ...span, uptimePct: Math.max(0, 100 * (1 - within(1) / counted)) };
}

export interface Log {
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
  if (uptimePct !== undefined && uptimePct > 100)
    r.fail('uptime_pct', msg('msg.hubrow.atMost', { max: 100 }));
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
