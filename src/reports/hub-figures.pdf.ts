import { deviceLabel, type DeviceShare } from '../hub/hub-devices.figures';
import type {
  ApiFigures,
  HubFigures,
  LatencyFigures,
  LatencyStats,
  MonitorFigures,
  TopFigure,
} from '../hub/hub-figures.service';
import { codeLabel, type Lang } from '../i18n/i18n';
import { formatPercent, formatRatio } from '../i18n/numbers';
import { COLORS, FONT, Pdf, heading, paragraph } from '../documents/pdf-document';
import { drawTable } from '../documents/pdf-table';
import type { AgencyReport } from './report.model';
import { appText, formatNumber, reportText } from './report-text';

type Text = (key: string, vars?: Record<string, unknown>) => string;

/**
 * The hub figures of the year as the hub page and GET .../hub/figures give them (the same
 * service computes them): APIs by lifecycle state, calls by status code, fault type and device,
 * latency (exact from raw events or as pre-aggregated files reported), uptime windows with the
 * monitor's state, certificates, and the top consumers and providers.
 */
export function hubFiguresSection(doc: Pdf, report: AgencyReport): void {
  const figures = report.hubFigures;
  if (figures === undefined) return;
  const { lang } = report;
  const t: Text = (key, vars) => reportText(lang, `hubFigures.${key}`, vars);
  doc.addPage();
  heading(doc, t('title', { year: report.period.year }));
  if (!figures || (!figures.apis.length && !figures.uptime.length && !figures.totals.calls)) {
    paragraph(doc, t('none'), { color: COLORS.muted });
    return;
  }
  paragraph(doc, t('lead'), { color: COLORS.muted, size: 8 });
  doc.moveDown(0.3);
  callsBlock(doc, lang, figures, t);
  countsBlock(doc, lang, figures, t);
  devicesBlock(doc, lang, figures, t);
  latencyBlock(doc, lang, figures.totals.latency, t);
  uptimeBlock(doc, lang, figures, report.period.year, t);
  topBlock(doc, lang, figures.totals.topConsumers, t('topConsumers'), t);
  topBlock(doc, lang, figures.totals.topProviders, t('topProviders'), t);
  apisBlock(doc, lang, figures.apis, t);
}

/** Per API (and so per unit): the figures the hub page lists, one line each. */
function apisBlock(doc: Pdf, lang: Lang, apis: ApiFigures[], t: Text): void {
  const a = (key: string) => appText(lang, key);
  subheading(doc, t('perApi'));
  drawTable(
    doc,
    [
      { header: 'API', width: 2.6, value: (x: ApiFigures) => `${x.name} ${x.version}`.trim() },
      { header: t('unit'), width: 1.2, value: (x) => x.unit?.code ?? '–' },
      { header: t('state'), width: 1.2, value: (x) => codeLabel(lang, 'hub.lifecycle', x.lifecycleStatus) },
      { header: a('hub.figures.calls'), width: 1.1, value: (x) => n(lang, x.calls), align: 'right' },
      {
        header: a('hub.figures.errorRate'),
        width: 0.9,
        value: (x) => (x.errorRate === null ? '–' : formatRatio(lang, x.errorRate, 2)),
        align: 'right',
      },
      {
        header: 'p95 (ms)',
        width: 1.3,
        value: (x) =>
          x.latency?.p95Ms === null || x.latency?.p95Ms === undefined
            ? '–'
            : `${ms(lang, x.latency.p95Ms)}${x.latency.precision === 'RAW' ? '' : ` (${t('aggregatedShort')})`}`,
        align: 'right',
      },
    ],
    apis,
    { fontSize: 7.5, emptyText: '–' },
  );
}

const n = (lang: Lang, value: number) => formatNumber(lang, value);
const ms = (lang: Lang, value: number | null | undefined) =>
  value === null || value === undefined ? '–' : formatNumber(lang, value, 0, 1);

function subheading(doc: Pdf, text: string): void {
  doc.moveDown(0.4);
  doc.font(FONT.bold).fontSize(10).fillColor(COLORS.ink).text(text);
  doc.moveDown(0.2);
}

function callsBlock(doc: Pdf, lang: Lang, f: HubFigures, t: Text): void {
  const a = (key: string) => appText(lang, key);
  const c = f.totals;
  const rows: [string, string][] = [
    [
      a('hub.figures.published'),
      `${n(lang, c.publishedApis)} ${t('ofRegistered', { n: n(lang, c.registeredApis) })}`,
    ],
    [a('hub.figures.consumers'), n(lang, c.consumers)],
    [a('hub.figures.calls'), n(lang, c.calls)],
    [a('hub.figures.success'), n(lang, c.success)],
    [a('hub.figures.clientErrors'), n(lang, c.clientErrors)],
    [a('hub.figures.serverErrors'), n(lang, c.serverErrors)],
    [a('hub.figures.faults'), n(lang, c.faults)],
    [a('hub.figures.errorRate'), c.errorRate === null ? '–' : formatRatio(lang, c.errorRate, 2)],
    [a('hub.figures.sandbox'), n(lang, c.sandboxCalls)],
  ];
  drawTable(
    doc,
    [
      { header: '', width: 3, value: (r: [string, string]) => r[0], bold: true },
      { header: '', width: 2, value: (r) => r[1], align: 'right' },
      { header: '', width: 2, value: () => '' },
    ],
    rows,
    { fontSize: 8.5, showHeader: false },
  );
}

/** Lifecycle states, status codes and fault types: three short count tables. */
function countsBlock(doc: Pdf, lang: Lang, f: HubFigures, t: Text): void {
  const a = (key: string) => appText(lang, key);
  const table = (title: string, label: string, rows: [string, number][], empty: string) => {
    subheading(doc, title);
    drawTable(
      doc,
      [
        { header: label, width: 3, value: (r: [string, number]) => r[0] },
        { header: t('count'), width: 1.2, value: (r) => n(lang, r[1]), align: 'right' },
        { header: '', width: 3, value: () => '' },
      ],
      rows,
      { fontSize: 8, emptyText: empty },
    );
  };
  const lifecycle = Object.entries(f.totals.lifecycle)
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([state, count]): [string, number] => [codeLabel(lang, 'hub.lifecycle', state), count]);
  table(a('hub.figures.lifecycle'), t('state'), lifecycle, '–');
  const codes = Object.entries(f.totals.statusCodes).sort(([x], [y]) => x.localeCompare(y));
  table(a('hub.figures.statusCodes'), a('hub.figures.code'), codes, a('hub.figures.rawOnly'));
  const faults = Object.entries(f.totals.faultsByType).map(([type, count]): [string, number] => [
    t(`fault.${type}`),
    count,
  ]);
  table(a('hub.figures.faultTypes'), t('faultType'), faults, '–');
}

/** Calls by platform and by browser family, or why there are none (pre-aggregated data only). */
function devicesBlock(doc: Pdf, lang: Lang, f: HubFigures, t: Text): void {
  const a = (key: string) => appText(lang, key);
  subheading(doc, a('hub.devices.title'));
  const devices = f.totals.devices;
  if (!devices) {
    paragraph(doc, a('hub.devices.notInSource'), { color: COLORS.muted, size: 8 });
    return;
  }
  paragraph(doc, t('devicesBasis', { calls: n(lang, devices.calls) }), { color: COLORS.muted, size: 7.5 });
  doc.moveDown(0.2);
  const table = (label: string, rows: DeviceShare[]) =>
    drawTable(
      doc,
      [
        { header: label, width: 3, value: (d: DeviceShare) => deviceLabel(lang, d.name) },
        { header: a('hub.figures.calls'), width: 1.2, value: (d) => n(lang, d.calls), align: 'right' },
        {
          header: a('hub.devices.share'),
          width: 1,
          value: (d) => formatRatio(lang, d.share, 1),
          align: 'right',
        },
        { header: '', width: 2, value: () => '' },
      ],
      rows,
      { fontSize: 8, emptyText: '–' },
    );
  table(a('hub.devices.platform'), devices.platforms);
  doc.moveDown(0.3);
  table(a('hub.devices.userAgent'), devices.userAgents);
}

function latencyBlock(doc: Pdf, lang: Lang, latency: LatencyFigures | null, t: Text): void {
  const a = (key: string) => appText(lang, key);
  subheading(doc, a('hub.figures.latencyTable'));
  type Row = {
    label: string;
    stats: Omit<LatencyStats, 'samples'> & { samples: number | null };
    basis: string;
  };
  const rows: Row[] = [];
  if (latency) {
    const basis = latency.precision === 'RAW' ? t('exact') : t('preAggregated');
    rows.push({ label: a('hub.latency.response'), stats: latency as Row['stats'], basis });
    if (latency.requestMediation)
      rows.push({
        label: a('hub.latency.requestMediation'),
        stats: latency.requestMediation,
        basis: t('exact'),
      });
    if (latency.backend)
      rows.push({ label: a('hub.latency.backend'), stats: latency.backend, basis: t('exact') });
  }
  drawTable(
    doc,
    [
      { header: t('latencyKind'), width: 2, value: (r: Row) => r.label, bold: true },
      { header: t('avg'), width: 1, value: (r) => ms(lang, r.stats.avgMs), align: 'right' },
      { header: 'p50', width: 0.9, value: (r) => ms(lang, r.stats.p50Ms), align: 'right' },
      { header: 'p95', width: 0.9, value: (r) => ms(lang, r.stats.p95Ms), align: 'right' },
      { header: 'p99', width: 0.9, value: (r) => ms(lang, r.stats.p99Ms), align: 'right' },
      {
        header: t('samples'),
        width: 1,
        value: (r) => (r.stats.samples === null ? '–' : n(lang, r.stats.samples)),
        align: 'right',
      },
      { header: t('basis'), width: 2.6, value: (r) => r.basis },
    ],
    rows,
    { fontSize: 8, emptyText: t('noLatency') },
  );
  if (latency && !latency.backend) paragraph(doc, t('rawOnlyLatency'), { color: COLORS.muted, size: 7.5 });
}

function uptimeBlock(doc: Pdf, lang: Lang, f: HubFigures, year: number, t: Text): void {
  const a = (key: string) => appText(lang, key);
  subheading(doc, a('hub.uptime.title'));
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(lang, v, 2));
  drawTable(
    doc,
    [
      {
        header: a('hub.uptime.monitor'),
        width: 2.4,
        value: (m: MonitorFigures) => [m.monitorName, m.url].filter(Boolean).join('\n'),
        bold: true,
      },
      { header: t('h24'), width: 0.9, value: (m) => pct(m.windows.day.uptimePct), align: 'right' },
      { header: t('d7'), width: 0.9, value: (m) => pct(m.windows.week.uptimePct), align: 'right' },
      { header: t('d30'), width: 0.9, value: (m) => pct(m.windows.month.uptimePct), align: 'right' },
      { header: t('period', { year }), width: 1, value: (m) => pct(m.uptimePct), align: 'right' },
      { header: t('statusSince'), width: 1.8, value: (m) => statusText(lang, m, t) },
    ],
    f.uptime,
    { fontSize: 8, emptyText: a('hub.uptime.none') },
  );
  if (!f.uptime.length) return;
  doc.moveDown(0.3);
  drawTable(
    doc,
    [
      {
        header: a('hub.uptime.monitor'),
        width: 1.8,
        value: (m: MonitorFigures) => m.monitorName,
        bold: true,
      },
      {
        header: a('hub.uptime.lastDown'),
        width: 2,
        value: (m) =>
          m.lastDowntime
            ? `${day(m.lastDowntime.start)} · ${duration(m.lastDowntime.durationSec, t)}${m.lastDowntime.reason ? `\n${m.lastDowntime.reason}` : ''}`
            : '–',
      },
      { header: t('avgResponse'), width: 1.1, value: (m) => ms(lang, m.avgResponseMs), align: 'right' },
      { header: a('hub.uptime.certificate'), width: 3, value: (m) => certificateText(lang, m, t) },
    ],
    f.uptime,
    { fontSize: 8 },
  );
}

const day = (iso: string) => iso.slice(0, 10);

function statusText(lang: Lang, m: MonitorFigures, t: Text): string {
  if (!m.status) return '–';
  const status = t(`status.${m.status}`);
  return m.statusSince
    ? `${status}\n${t('since', { date: `${m.statusSince.slice(0, 16).replace('T', ' ')} UTC` })}`
    : status;
}

function duration(seconds: number, t: Text): string {
  const minutes = Math.round(seconds / 60);
  return minutes >= 60
    ? t('hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 })
    : t('minutes', { m: minutes });
}

function certificateText(lang: Lang, m: MonitorFigures, t: Text): string {
  const left = (d: number) =>
    d < 0 ? t('expiredDays', { days: n(lang, -d) }) : t('daysLeft', { days: n(lang, d) });
  const lines =
    m.sslDaysLeft === null || !m.sslExpiresAt
      ? [t('noCertificate')]
      : [`${left(m.sslDaysLeft)} (${day(m.sslExpiresAt)})`];
  if (m.sslIssuer) lines.push(`${t('issuer')}: ${m.sslIssuer}`);
  if (m.domainDaysLeft !== null && m.domainExpiresAt)
    lines.push(`${t('domain')}: ${left(m.domainDaysLeft)} (${day(m.domainExpiresAt)})`);
  if (m.expiryWarning) lines.push(t('expiryWarning'));
  return lines.join('\n');
}

function topBlock(doc: Pdf, lang: Lang, rows: TopFigure[], title: string, t: Text): void {
  subheading(doc, title);
  drawTable(
    doc,
    [
      { header: t('rank'), width: 0.5, value: (r: TopFigure & { i: number }) => String(r.i), align: 'right' },
      { header: t('name'), width: 3, value: (r) => r.name ?? r.key },
      {
        header: t('ownerUnit'),
        width: 2.6,
        value: (r) => [r.owner, r.unitCode].filter(Boolean).join(' · ') || '–',
      },
      {
        header: appText(lang, 'hub.figures.calls'),
        width: 1.2,
        value: (r) => n(lang, r.calls),
        align: 'right',
      },
    ],
    rows.map((r, i) => ({ ...r, i: i + 1 })),
    { fontSize: 8, emptyText: '–' },
  );
}
