import { USAGE_TYPES } from '../applications/application.entity';
import { STEPS } from '../onboarding/onboarding.catalogue';
import { SERIES_COLOURS } from '../onboarding/roadmap.chart';
import type { ProgressPoint } from '../onboarding/roadmap.service';
import { appText, reportText } from './report-text';
import { Pdf, contentWidth, heading, paragraph } from '../documents/pdf-document';
import { lineChart } from './pdf-charts';
import type { AgencyReport } from './report.model';

/** One page: the share of applications by SPLP usage type and by SPLP step done, per month. */
export function splpProgressSection(doc: Pdf, report: AgencyReport): void {
  const progress = report.splpProgress;
  if (!progress) return;
  const { lang } = report;
  const t = (key: string) => reportText(lang, key);
  doc.addPage();
  heading(doc, t('splpProgress.title'));
  paragraph(doc, t('splpProgress.note'));
  doc.moveDown(0.5);
  const width = contentWidth(doc);
  const x = doc.page.margins.left;
  const labels = progress.map((p) => p.month);
  const chart = (
    title: string,
    keys: readonly string[],
    pick: (p: ProgressPoint) => Record<string, number>,
    prefix: string,
  ) => {
    lineChart(
      doc,
      { x, y: doc.y + 6, width, height: 230 },
      {
        title,
        labels,
        series: keys.map((k, i) => ({
          name: appText(lang, `${prefix}${k}`),
          color: SERIES_COLOURS[i % SERIES_COLOURS.length],
          values: progress.map((p) => pick(p)[k] ?? 0),
        })),
        format: (v) => `${Math.round(v)}%`,
        min: 0,
        max: 100,
        emptyText: t('splpProgress.empty'),
      },
    );
    doc.moveDown(1);
  };
  chart(t('splpProgress.byUsage'), USAGE_TYPES, (p) => p.usage, 'data.usageTypeShort.');
  chart(t('splpProgress.byStep'), STEPS, (p) => p.steps, 'onboarding.short.');
}
