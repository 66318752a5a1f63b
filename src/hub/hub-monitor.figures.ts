import {
  daysToExpiry,
  expiryWarning,
  weightedUptime,
  windowUptime,
  type UptimeSpan,
} from './hub-figures.calc';
import type { MonitorStateRow, RecentUptimeRow, UptimeRow } from './hub-figures.repository';

/** One window's uptime, with how much of the window the imported periods cover. */
export interface WindowFigure {
  uptimePct: number | null;
  coveredPct: number | null;
}

export interface MonitorFigures {
  hubId: string;
  hubName: string;
  monitorId: string;
  monitorName: string;
  url: string | null;
  /** Over the figures' year. */
  uptimePct: number | null;
  downEvents: number;
  downtimeSec: number;
  months: Array<{ month: string; uptimePct: number | null; downEvents: number; downtimeSec: number }>;
  /** The last 24 hours, 7 and 30 days up to the monitor's latest imported period. */
  windows: { day: WindowFigure; week: WindowFigure; month: WindowFigure; until: string | null };
  status: string | null;
  statusSince: string | null;
  lastDowntime: { start: string; durationSec: number; reason: string | null } | null;
  avgResponseMs: number | null;
  sslExpiresAt: string | null;
  sslIssuer: string | null;
  sslDaysLeft: number | null;
  domainExpiresAt: string | null;
  domainDaysLeft: number | null;
  expiryWarning: boolean;
}

const DAY = 86_400_000;
const keyOf = (hubId: string, monitorId: string) => `${hubId}\u0000${monitorId}`;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}

/**
 * Every monitor the agency imported: the year's uptime by month (as before), and what the
 * SPLP's monitor page shows: uptime over 24 h, 7 and 30 days, the status and since when, the
 * latest downtime, the average response time and the certificate and domain expiry.
 */
export function monitorFigures(
  yearRows: UptimeRow[],
  recent: RecentUptimeRow[],
  states: MonitorStateRow[],
  now: Date,
): MonitorFigures[] {
  const byYear = groupBy(yearRows, (r) => keyOf(r.hubId, r.monitorId));
  const byRecent = groupBy(recent, (r) => keyOf(r.hubId, r.monitorId));
  const stateOf = new Map(states.map((s) => [keyOf(s.hubId, s.monitorId), s]));
  const keys = new Set([...byYear.keys(), ...stateOf.keys()]);
  return [...keys].map((key) => {
    const list = byYear.get(key) ?? [];
    const state = stateOf.get(key);
    const first = list[0];
    return {
      hubId: first?.hubId ?? state!.hubId,
      hubName: first?.hubName ?? state!.hubId,
      monitorId: first?.monitorId ?? state!.monitorId,
      monitorName: state?.monitorName ?? first.monitorName,
      url: state?.url ?? first?.url ?? null,
      ...yearFigures(list),
      windows: windowFigures(byRecent.get(key) ?? []),
      ...stateFigures(state, byRecent.get(key) ?? [], now),
    };
  });
}

function yearFigures(list: UptimeRow[]) {
  const sum = (items: UptimeRow[], pick: (r: UptimeRow) => number | null) =>
    items.reduce((total, r) => total + (pick(r) ?? 0), 0);
  const months = groupBy(list, (r) => r.month);
  return {
    uptimePct: weightedUptime(list),
    downEvents: sum(list, (r) => r.downEvents),
    downtimeSec: sum(list, (r) => r.downtimeSec),
    months: [...months.entries()].map(([month, items]) => ({
      month,
      uptimePct: weightedUptime(items),
      downEvents: sum(items, (r) => r.downEvents),
      downtimeSec: sum(items, (r) => r.downtimeSec),
    })),
  };
}

function windowFigures(rows: RecentUptimeRow[]): MonitorFigures['windows'] {
  const spans: UptimeSpan[] = rows.map((r) => ({
    start: new Date(r.periodStart).getTime(),
    end: new Date(r.periodEnd).getTime(),
    uptimePct: r.uptimePct,
  }));
  const until = spans.length ? Math.max(...spans.map((s) => s.end)) : null;
  const at = (ms: number): WindowFigure => {
    const figure = until === null ? null : windowUptime(spans, until, ms);
    return { uptimePct: figure?.uptimePct ?? null, coveredPct: figure?.coveredPct ?? null };
  };
  return {
    day: at(DAY),
    week: at(7 * DAY),
    month: at(30 * DAY),
    until: until === null ? null : new Date(until).toISOString(),
  };
}

/** The stored state when an export gave one; else the latest incident of the recent periods. */
function stateFigures(state: MonitorStateRow | undefined, recent: RecentUptimeRow[], now: Date) {
  const incidents = recent.flatMap((r) => r.incidents ?? []);
  const latest = incidents.sort((a, b) => Date.parse(b.start) - Date.parse(a.start))[0];
  const lastDowntime = state?.lastDownStart
    ? {
        start: new Date(state.lastDownStart).toISOString(),
        durationSec: state.lastDownSec ?? 0,
        reason: state.lastDownReason,
      }
    : latest
      ? {
          start: new Date(latest.start).toISOString(),
          durationSec: latest.durationSec,
          reason: latest.reason ?? null,
        }
      : null;
  const responses = recent.filter((r) => r.avgResponseMs !== null);
  const avgResponseMs =
    state?.avgResponseMs ??
    (responses.length ? responses.reduce((s, r) => s + (r.avgResponseMs ?? 0), 0) / responses.length : null);
  const sslDaysLeft = daysToExpiry(state?.sslExpiresAt ? new Date(state.sslExpiresAt) : null, now);
  const domainDaysLeft = daysToExpiry(state?.domainExpiresAt ? new Date(state.domainExpiresAt) : null, now);
  return {
    status: state?.status ?? null,
    statusSince: state?.statusSince ? new Date(state.statusSince).toISOString() : null,
    lastDowntime,
    avgResponseMs,
    sslExpiresAt: state?.sslExpiresAt ? new Date(state.sslExpiresAt).toISOString() : null,
    sslIssuer: state?.sslIssuer ?? null,
    sslDaysLeft,
    domainExpiresAt: state?.domainExpiresAt ? new Date(state.domainExpiresAt).toISOString() : null,
    domainDaysLeft,
    expiryWarning: expiryWarning(sslDaysLeft) || expiryWarning(domainDaysLeft),
  };
}
