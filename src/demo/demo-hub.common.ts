import { createHash } from 'node:crypto';
import { DEMO_HUB_APIS, type DemoHubApi, type DemoHubConsumer, type DemoOutage } from './demo-hub.data';

/** What the demo hub generators share: the agency, the data window, stable ids, outage times. */

export interface DemoHubAgency {
  code: string;
  /** The WSO2 tenant domain, also the agency's domain. */
  domain: string;
}

export interface DataWindow {
  start: Date;
  end: Date;
  months: Array<{ start: Date; end: Date }>;
}

export const DAY = 86_400_000;
export const MINUTE = 60_000;

/** This month and the two before it, up to the end of yesterday (UTC), cut at month ends. */
export function dataWindow(today: Date): DataWindow {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const last = new Date(end - DAY);
  const start = Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - 2, 1);
  const months: DataWindow['months'] = [];
  for (let from = start; from < end;) {
    const date = new Date(from);
    const next = Math.min(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1), end);
    months.push({ start: date, end: new Date(next) });
    from = next;
  }
  return { start: new Date(start), end: new Date(end), months };
}

/** A stable UUID for a name, so API and application ids do not depend on the draw order. */
export function uuidOf(text: string): string {
  const hex = createHash('sha256').update(`demo-hub:${text}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const apiRef = (a: Pick<DemoHubApi, 'name' | 'version'>) => `${a.name}@${a.version}`;
export const apiIdOf = (a: DemoHubApi) => uuidOf(apiRef(a));
export const appIdOf = (c: DemoHubConsumer) => uuidOf(`app:${c.owner}:${c.name}`);
const API_BY_REF = new Map(DEMO_HUB_APIS.map((a) => [apiRef(a), a]));

export function apiOf(ref: string, consumer: string): DemoHubApi {
  const api = API_BY_REF.get(ref);
  if (!api) throw new Error(`Demo hub data: ${consumer} uses unknown API ${ref}`);
  return api;
}

/** WSO2 writes tenant APIs' contexts as `/t/<tenant domain>/<context>`. */
export const tenantContext = (agency: DemoHubAgency, a: DemoHubApi) => `/t/${agency.domain}${a.context}`;

export interface Interval {
  start: number;
  end: number;
}

/** An outage's start and end (epoch ms), counted back from the end of the window. */
export function outageInterval(window: DataWindow, o: Omit<DemoOutage, 'code' | 'detail'>): Interval {
  const start = window.end.getTime() - o.daysAgo * DAY + o.startMinute * MINUTE;
  return { start, end: start + o.minutes * MINUTE };
}

export const within = (t: number, intervals: Interval[]) => intervals.some((i) => t >= i.start && t < i.end);
