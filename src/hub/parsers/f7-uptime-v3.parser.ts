import { msg } from '../../i18n/message';
import { childPath, FieldReader, isObject, type JsonObject } from './field-reader';
import { HubFileError } from './hub-file.error';
import type { HubRecord, MonitorState, MonitorStatus, UptimeBucket, UptimeIncident } from './hub.types';
import { bad, badReason, row, type ParseItem, type ParserContext } from './parser-kit';
import { numberOf, textOf, timeOf } from './values';

/**
 * UptimeRobot API v3 `GET /monitors` answers (`{data|monitors: [...], nextCursorId, nextLink}`),
 * a bare list of monitors, or one monitor (`GET /monitors/{id}`). v3 gives no ratio per period;
 * what it gives is used as it is: the last day's uptime histogram becomes one bucket per
 * histogram step, the current state and its duration give the status and "up since", the last
 * incident the latest downtime, and `sslExpiryDateTime` the certificate expiry.
 */
export function* parseUptimeV3(doc: unknown, hubId: string, ctx: ParserContext): Generator<ParseItem> {
  const { list, base } = monitorList(doc);
  for (const [i, monitor] of list.entries()) {
    const path = childPath(base, i);
    if (!isObject(monitor)) yield badReason(msg('msg.hubrow.notMonitor'), { path });
    else yield monitorRecords(new FieldReader(monitor, path), hubId, ctx);
  }
}

function monitorList(doc: unknown): { list: unknown[]; base: string } {
  if (Array.isArray(doc)) return { list: doc, base: '$' };
  if (isObject(doc)) {
    if (Array.isArray(doc.data)) return { list: doc.data, base: '$.data' };
    if (Array.isArray(doc.monitors)) return { list: doc.monitors, base: '$.monitors' };
    if ('friendlyName' in doc) return { list: [doc], base: '$' };
  }
  throw new HubFileError('INVALID_DOCUMENT', msg('msg.hubfile.uptimeV3'), {
    path: '$.data',
  });
}

const STATUS: Record<string, MonitorStatus> = {
  UP: 'UP',
  DOWN: 'DOWN',
  SEEMS_DOWN: 'DOWN',
  PAUSED: 'PAUSED',
  STARTED: 'UP',
};

function monitorRecords(r: FieldReader, hubId: string, ctx: ParserContext): ParseItem {
  const monitorId = r.text('id', true);
  const monitorName = r.text('friendlyName', true);
  const url = r.text('url');
  const history = histogram(r);
  const incident = lastIncident(r);
  const duration = r.number('currentStateDuration', { min: 0 });
  if (!r.ok || monitorId === undefined || monitorName === undefined) return bad(r.problems);
  const historyEnd = history.at(-1)?.end;
  const observedAt = ctx.uptime.exportedAt ?? historyEnd;
  const records: HubRecord[] = history.map((step) => {
    const incidents = clip(incident, step.start, step.end);
    const bucket: UptimeBucket = {
      hubId,
      monitorId,
      monitorName,
      url,
      periodStart: step.start,
      periodEnd: step.end,
      uptimePct: step.uptimePct,
      downEvents: incidents.length,
      downtimeSec: incidents.reduce((sum, i) => sum + i.durationSec, 0),
      incidents,
      source: ctx.variant,
    };
    return { kind: 'uptime', value: bucket };
  });
  const state: MonitorState = {
    hubId,
    monitorId,
    monitorName,
    url,
    status: STATUS[(textOf(r.obj.status) ?? '').toUpperCase()] ?? 'UNKNOWN',
    statusSince:
      observedAt && duration !== undefined ? new Date(observedAt.getTime() - duration * 1000) : undefined,
    lastDowntime: incident,
    sslExpiresAt: timeOf(r.obj.sslExpiryDateTime),
    domainExpiresAt: timeOf(r.obj.domainExpiryDateTime ?? r.obj.domainExpireDate),
    observedAt,
    source: ctx.variant,
  };
  records.push({ kind: 'monitor', value: state });
  return row(...records);
}

interface Step {
  start: Date;
  end: Date;
  uptimePct: number;
}

/** `lastDayUptimes.histogram[{timestamp, uptime}]`; the step is the gap between points, else bucketSize (s). */
function histogram(r: FieldReader): Step[] {
  const days = r.child('lastDayUptimes');
  if (!days) return [];
  const points = (days.array('histogram') ?? [])
    .filter(isObject)
    .map((point: JsonObject) => ({ at: timeOf(point.timestamp)?.getTime(), uptime: numberOf(point.uptime) }))
    .filter((p): p is { at: number; uptime: number } => p.at !== undefined && p.uptime !== undefined)
    .sort((a, b) => a.at - b.at);
  const size = days.number('bucketSize', { min: 1 });
  const gap = points.length > 1 ? points[1].at - points[0].at : undefined;
  const stepMs = gap ?? (size !== undefined ? size * 1000 : undefined);
  if (!stepMs) return [];
  return points
    .filter((p) => p.uptime >= 0 && p.uptime <= 100)
    .map((p) => ({ start: new Date(p.at), end: new Date(p.at + stepMs), uptimePct: p.uptime }));
}

function lastIncident(r: FieldReader): UptimeIncident | undefined {
  const incident = r.child('lastIncident');
  if (!incident) return undefined;
  const start = timeOf(incident.obj.startedAt);
  const durationSec = numberOf(incident.obj.duration);
  if (!start || durationSec === undefined) return undefined;
  return { start, durationSec, reason: textOf(incident.obj.reason) ?? textOf(incident.obj.cause) };
}

function clip(incident: UptimeIncident | undefined, start: Date, end: Date): UptimeIncident[] {
  if (!incident) return [];
  const from = Math.max(incident.start.getTime(), start.getTime());
  const to = Math.min(incident.start.getTime() + incident.durationSec * 1000, end.getTime());
  return to > from
    ? [{ start: new Date(from), durationSec: (to - from) / 1000, reason: incident.reason }]
    : [];
}
