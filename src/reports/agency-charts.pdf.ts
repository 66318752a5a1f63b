import { Box, barChart, lineChart, ratioBar } from './pdf-charts';
import { COLORS, FONT, Pdf, contentWidth, ensureSpace, heading, paragraph } from '../documents/pdf-document';
import type { AgencyReport, IndicatorSummary } from './report.model';
import { appText, formatNumber, monthLabel, percent, reportText } from './report-text';

/** Vector charts of the agency summary, drawn with pdfkit primitives. */

export function coverageBars(
  doc: Pdf,
  report: AgencyReport,
  coverage: NonNullable<IndicatorSummary['coverage']>,
): void {
  const { lang } = report;
  const t = (key: string, vars?: Record<string, unknown>) => reportText(lang, key, vars);
  ensureSpace(doc, 60);
  doc
    .font(FONT.bold)
    .fontSize(9)
    .text(t('coverageTitle', { target: percent(lang, coverage.target) }));
  doc.moveDown(0.3);
  const width = contentWidth(doc);
  for (const [key, ratio] of [
    ['supported', coverage.supported],
    ['verified', coverage.verified],
  ] as const) {
    ratioBar(
      doc,
      { x: doc.page.margins.left, y: doc.y, width, height: 10 },
      {
        label: appText(lang, `values.${key}`),
        ratio,
        target: coverage.target,
        text: percent(lang, ratio),
      },
    );
    doc.y += 5;
  }
  paragraph(doc, t('coverageText', { using: coverage.usingSpl, total: coverage.unitsInScope }), {
    color: COLORS.muted,
    size: 8,
  });
  doc.moveDown(0.5);
}

/** The charts page: unit levels, hub calls and errors per month, hub uptime. */
export function chartsSection(doc: Pdf, report: AgencyReport): void {
  const t = (key: string) => reportText(report.lang, key);
  doc.addPage();
  heading(doc, t('charts'));
  const width = contentWidth(doc);
  const x = doc.page.margins.left;
  unitLevelChart(doc, report, { x, y: doc.y, width, height: 150 });
  doc.moveDown(1.5);
  hubCharts(doc, report, { x, y: doc.y, width, height: 160 });
  doc.moveDown(1);
}

function unitLevelChart(doc: Pdf, report: AgencyReport, box: Box): void {
  const { lang } = report;
  const t = (key: string) => reportText(lang, key);
  const inScope = report.units.filter((u) => u.inScope);
  const count = (level: number, pick: (u: (typeof inScope)[number]) => number | null) =>
    inScope.filter((u) => pick(u) === level).length;
  barChart(doc, box, {
    title: t('chart.unitLevels'),
    labels: [0, 1, 2, 3, 4, 5].map(String),
    series: [
      {
        name: appText(lang, 'values.supported'),
        color: COLORS.brand,
        values: [0, 1, 2, 3, 4, 5].map((l) => count(l, (u) => u.levelSupported)),
      },
      {
        name: appText(lang, 'values.verified'),
        color: COLORS.ok,
        values: [0, 1, 2, 3, 4, 5].map((l) => count(l, (u) => u.levelVerified)),
      },
    ],
    format: (v) => formatNumber(lang, v),
    showValues: true,
    integer: true,
    emptyText: t('noUnits'),
  });
}

/** Calls and errors side by side (errors are a small fraction of calls), then uptime below. */
function hubCharts(doc: Pdf, report: AgencyReport, box: Box): void {
  const { lang, hub } = report;
  const t = (key: string) => reportText(lang, key);
  const { x, width } = box;
  const months = hub.months.map((m) => monthLabel(lang, m));
  const top = box.y;
  const half = (width - 20) / 2;
  barChart(
    doc,
    { x, y: top, width: half, height: box.height },
    {
      title: t('chart.hubCalls'),
      labels: months,
      series: [{ name: t('chart.calls'), color: COLORS.brand, values: hub.calls }],
      format: (v) => formatNumber(lang, v),
      emptyText: t('noHubUsage'),
    },
  );
  barChart(
    doc,
    { x: x + half + 20, y: top, width: half, height: box.height },
    {
      title: t('chart.hubErrors'),
      labels: months,
      series: [{ name: t('chart.errors'), color: COLORS.accent, values: hub.errors }],
      format: (v) => formatNumber(lang, v),
      emptyText: t('noHubUsage'),
    },
  );
  doc.moveDown(1.5);
  const known = hub.uptime.filter((v): v is number => v !== null);
  lineChart(
    doc,
    { x, y: doc.y, width, height: 140 },
    {
      title: t('chart.uptime'),
      labels: months,
      series: [{ name: t('chart.uptimeSeries'), color: COLORS.ok, values: hub.uptime }],
      format: (v) => `${formatNumber(lang, v, 1)}%`,
      min: known.length ? Math.max(0, Math.floor(Math.min(...known) - 1)) : 0,
      max: 100,
      emptyText: t('noHubUptime'),
    },
  );
}
