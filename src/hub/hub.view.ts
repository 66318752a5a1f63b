import { Response } from 'express';
import { Actor, can } from '../access/actor';
import { Lang, codeLabel } from '../i18n/i18n';
import { formatNumber, formatPercent, formatRatio } from '../i18n/numbers';
import { pageModel } from '../kernel/agency-pages';
import { PeriodLookup } from '../periods/period-lookup';
import { deviceLabel, type DeviceFigures, type DeviceShare } from './hub-devices.figures';
import type { ApiFigures, CallFigures, HubFigures, LatencyFigures } from './hub-figures.service';
import { FORMAT_CHOICES } from './hub.dto';
import { TEMPLATE_FILE_NAMES, type TemplateId } from './parsers';

/** The year figures show by default: the latest evaluation period's, else the current year. */
export async function figuresYear(periods: PeriodLookup, year?: number): Promise<number> {
  if (year) return year;
  return (await periods.current())?.year ?? new Date().getUTCFullYear();
}

/** The agency-data frame (sub-navigation, write rights) with the hub section current. */
export function hubPageModel(res: Response, actor: Actor, agencyId: string, titleKey: string) {
  const base = pageModel(res, actor, agencyId, 'units', titleKey);
  return {
    ...base,
    section: 'hub',
    sections: base.sections.map((s) => ({ ...s, current: false })),
    canUploadEvidence: can(actor, 'evidence.upload'),
  };
}

export const TEMPLATES = (Object.keys(TEMPLATE_FILE_NAMES) as TemplateId[]).map((id) => ({
  id,
  fileName: TEMPLATE_FILE_NAMES[id],
  labelKey: `hub.template.${id}`,
}));

export const FORMAT_OPTIONS = FORMAT_CHOICES.map((value) => ({ value }));

/** The page's number styles, in its language: counts, rates (0.013 → "1,3%"), uptime percentages. */
function numberFormats(lang: Lang) {
  return {
    lang,
    number: (n: number) => formatNumber(lang, Math.round(n)),
    percentText: (rate: number | null) => (rate === null ? '–' : formatRatio(lang, rate, 2)),
    pct: (v: number | null) => (v === null ? '–' : formatPercent(lang, v, 2)),
  };
}
type NumberFormats = ReturnType<typeof numberFormats>;

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${Math.round(v)}`);

function latencyText(latency: LatencyFigures | null) {
  return latency
    ? {
        avg: ms(latency.avgMs),
        p50: ms(latency.p50Ms),
        p95: ms(latency.p95Ms),
        p99: ms(latency.p99Ms),
        asReported: latency.asReported,
      }
    : null;
}

/** Rows of the latency table: response (exact or as reported), backend and request mediation (raw only). */
function latencyRows(latency: LatencyFigures | null) {
  if (!latency) return [];
  const row = (
    labelKey: string,
    l: { avgMs: number | null; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null } | null,
  ) => (l ? { labelKey, avg: ms(l.avgMs), p50: ms(l.p50Ms), p95: ms(l.p95Ms), p99: ms(l.p99Ms) } : null);
  return [
    row('hub.latency.response', latency),
    row('hub.latency.backend', latency.backend),
    row('hub.latency.requestMediation', latency.requestMediation),
  ].filter((r) => r !== null);
}

function monitorView(m: HubFigures['uptime'][number], { pct }: NumberFormats) {
  return {
    ...m,
    uptimeText: pct(m.uptimePct),
    downtimeText: `${Math.round(m.downtimeSec / 60)} min`,
    dayText: pct(m.windows.day.uptimePct),
    weekText: pct(m.windows.week.uptimePct),
    monthText: pct(m.windows.month.uptimePct),
    lastDowntimeText: m.lastDowntime ? `${Math.round(m.lastDowntime.durationSec / 60)} min` : null,
    avgResponseText: ms(m.avgResponseMs),
  };
}

/** A fault type's words (WSO2 Analytics' AUTH, THROTTLED, TARGET_CONNECTIVITY, OTHER stay in the JSON). */
function faultName(lang: Lang, type: string): string {
  return codeLabel(lang, 'reports.hubFigures.fault', type);
}

function callsText(c: CallFigures, { number, percentText, lang }: NumberFormats) {
  return {
    calls: number(c.calls),
    success: number(c.success),
    clientErrors: number(c.clientErrors),
    serverErrors: number(c.serverErrors),
    faults: number(c.faults),
    faultsByType: Object.entries(c.faultsByType)
      .filter(([, n]) => n > 0)
      .map(([type, n]) => `${faultName(lang, type)} ${number(n)}`)
      .join(', '),
    errorRate: percentText(c.errorRate),
  };
}

/** Calls by platform and browser with counts and shares; null keeps "not in the source" apart from zero. */
function devicesView(devices: DeviceFigures | null, { number, lang }: NumberFormats) {
  if (!devices) return null;
  const rows = (list: DeviceShare[]) =>
    list.map((d) => ({
      name: deviceLabel(lang, d.name),
      callsText: number(d.calls),
      shareText: formatRatio(lang, d.share, 1),
    }));
  return {
    callsText: number(devices.calls),
    platforms: rows(devices.platforms),
    userAgents: rows(devices.userAgents),
  };
}

function apiView(api: ApiFigures, formats: NumberFormats) {
  return { ...api, text: callsText(api, formats), latencyText: latencyText(api.latency) };
}

/** Figures with display strings, and the chart series the page's script reads. */
export function figuresView(figures: HubFigures, lang: Lang) {
  const formats = numberFormats(lang);
  const { number } = formats;
  const units = new Map<
    string,
    { id: string; code: string; name: string; published: number; calls: number }
  >();
  for (const api of figures.apis) {
    if (!api.unit) continue;
    const entry = units.get(api.unit.id) ?? { ...api.unit, published: 0, calls: 0 };
    entry.published += api.publishedOnBus ? 1 : 0;
    entry.calls += api.calls;
    units.set(api.unit.id, entry);
  }
  return {
    ...figures,
    totalsText: {
      ...callsText(figures.totals, formats),
      latency: latencyText(figures.totals.latency),
      sandboxCalls: number(figures.totals.sandboxCalls),
    },
    latencyRows: latencyRows(figures.totals.latency),
    lifecycle: Object.entries(figures.totals.lifecycle).map(([state, count]) => ({ state, count })),
    statusCodes: Object.entries(figures.totals.statusCodes).map(([code, count]) => ({
      code,
      count: number(count),
    })),
    devices: devicesView(figures.totals.devices, formats),
    faultTypes: Object.entries(figures.totals.faultsByType).map(([type, count]) => ({
      type,
      name: faultName(lang, type),
      count: number(count),
    })),
    topConsumers: figures.totals.topConsumers.map((c) => ({ ...c, callsText: number(c.calls) })),
    topProviders: figures.totals.topProviders.map((c) => ({ ...c, callsText: number(c.calls) })),
    apis: figures.apis.map((api) => apiView(api, formats)),
    unitSummary: [...units.values()].map((u) => ({ ...u, callsText: number(u.calls) })),
    uptime: figures.uptime.map((m) => monitorView(m, formats)),
    chart: JSON.stringify({
      months: figures.months.map((m) => m.month),
      calls: figures.months.map((m) => m.calls),
      success: figures.months.map((m) => m.success),
      clientErrors: figures.months.map((m) => m.clientErrors),
      serverErrors: figures.months.map((m) => m.serverErrors),
      faults: figures.months.map((m) => m.faults),
      uptime: figures.uptime.map((m) => ({
        label: `${m.hubName}: ${m.monitorName}`,
        points: m.months.map((p) => ({ month: p.month, value: p.uptimePct })),
      })),
    }),
  };
}
