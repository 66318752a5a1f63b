import { NotFoundException } from '@nestjs/common';
import { Response } from 'express';
import { Actor, can } from '../access/actor';
import { LevelsService } from '../levels/levels.service';
import { formError } from '../units/agency-data';
import { pageModel } from '../units/agency-pages';
import type { ApiFigures, CallFigures, HubFigures, LatencyFigures } from './hub-figures.service';
import { FORMAT_CHOICES } from './hub.dto';
import { TEMPLATE_FILE_NAMES, type TemplateId } from './parsers';

/** The year figures show by default: the latest evaluation period's, else the current year. */
export async function figuresYear(levels: LevelsService, year?: number): Promise<number> {
  if (year) return year;
  return (await levels.currentPeriod())?.year ?? new Date().getUTCFullYear();
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

const number = (n: number) => Math.round(n).toLocaleString('id-ID');
export const percentText = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(2)}%`);

function latencyText(latency: LatencyFigures | null) {
  const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)}`);
  return latency
    ? {
        p50: ms(latency.p50Ms),
        p95: ms(latency.p95Ms),
        p99: ms(latency.p99Ms),
        asReported: latency.asReported,
      }
    : null;
}

function callsText(c: CallFigures) {
  return {
    calls: number(c.calls),
    success: number(c.success),
    clientErrors: number(c.clientErrors),
    serverErrors: number(c.serverErrors),
    faults: number(c.faults),
    faultsByType: Object.entries(c.faultsByType)
      .filter(([, n]) => n > 0)
      .map(([type, n]) => `${type} ${number(n)}`)
      .join(', '),
    errorRate: percentText(c.errorRate),
  };
}

function apiView(api: ApiFigures) {
  return { ...api, text: callsText(api), latencyText: latencyText(api.latency) };
}

/** Figures with display strings, and the chart series the page's script reads. */
export function figuresView(figures: HubFigures) {
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
    totalsText: { ...callsText(figures.totals), latency: latencyText(figures.totals.latency) },
    apis: figures.apis.map(apiView),
    unitSummary: [...units.values()].map((u) => ({ ...u, callsText: number(u.calls) })),
    uptime: figures.uptime.map((m) => ({
      ...m,
      uptimeText: m.uptimePct === null ? '–' : `${m.uptimePct.toFixed(3)}%`,
      downtimeText: `${Math.round(m.downtimeSec / 60)} min`,
    })),
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

/** Form problems, conflicts and records not found are shown on the page; anything else is a 500. */
export function pageError(error: unknown): { status: number; message: string } {
  if (error instanceof NotFoundException) return { status: 404, message: error.message };
  return formError(error);
}
