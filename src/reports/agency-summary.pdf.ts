import type { TextView } from '../assessments/criteria.view';
import type { EvidenceLine } from '../evidence/evidence-package';
import type { Lang } from '../i18n/i18n';
import { chartsSection, coverageBars } from './agency-charts.pdf';
import { hubFiguresSection } from './hub-figures.pdf';
import { splpProgressSection } from './splp-progress.pdf';
import { COLORS, FONT, Pdf, createPdf, heading, paragraph } from '../documents/pdf-document';
import { PageFrame, attachFrame, finishFrame } from '../documents/pdf-frame';
import { Column, drawTable } from '../documents/pdf-table';
import type {
  AgencyReport,
  CriterionLine,
  IndicatorSummary,
  IndicatorValue,
  PemdiSection,
} from './report.model';
import { appText, formatNumber, formatTimestamp, reportText } from './report-text';

/**
 * The agency summary for leaders: cover, both indicators with their four values, explanations
 * and every official criteria column, the readings applied, charts, units, gaps, the evidence
 * manifest and reviews. Pages are buffered so that each can
 * say "page X of Y"; an agency report is a few dozen pages at most.
 */
export function renderAgencySummary(report: AgencyReport): Pdf {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(report.lang, key, vars);
  const doc = createPdf({
    title: `${t('summary.title')} · ${report.agency.name} · ${report.period.year}`,
    bufferPages: true,
  });
  const frame = summaryFrame(report);
  attachFrame(doc, frame, false);
  doc.addPage();
  cover(doc, report);
  doc.addPage();
  if (report.pemdi) pemdiSection(doc, report, report.pemdi);
  indicatorsSection(doc, report);
  readingsSection(doc, report);
  chartsSection(doc, report);
  splpProgressSection(doc, report);
  hubFiguresSection(doc, report);
  unitsSection(doc, report);
  gapsSection(doc, report);
  evidenceSection(doc, report);
  reviewsSection(doc, report);
  finishFrame(doc, frame);
  return doc;
}

export function summaryFrame(report: AgencyReport): PageFrame {
  const lang = report.lang;
  const t = (key: string, vars?: Record<string, unknown>) => reportText(lang, key, vars);
  const hash = report.frozen
    ? `${t('snapshotHash')} ${report.frozen.snapshotHash.slice(0, 16)}`
    : `${t('factsHash')} ${report.factsHash.slice(0, 16)}`;
  return {
    header: `${t('summary.title')} · ${report.agency.name} · ${report.period.year}`,
    footer: `${report.agency.code} · ${t('generatedAt')} ${formatTimestamp(report.generatedAt)} · ${hash}`,
    draft: report.frozen ? null : t('draftMark'),
    pageLabel: (page, total) => t('pageOf', { page, total }),
  };
}

function cover(doc: Pdf, report: AgencyReport): void {
  const { lang, agency, period } = report;
  const t = (key: string, vars?: Record<string, unknown>) => reportText(lang, key, vars);
  doc.y = 120;
  doc.font(FONT.bold).fontSize(22).fillColor(COLORS.brand).text(t('summary.title'));
  doc.font(FONT.regular).fontSize(12).fillColor(COLORS.muted).text(t('summary.subtitle'));
  doc.moveDown(2);
  doc.font(FONT.bold).fontSize(18).fillColor(COLORS.ink).text(agency.name);
  const kind = appText(lang, `agencyKind.${agency.kind}`);
  doc.font(FONT.regular).fontSize(10).fillColor(COLORS.muted);
  doc.text(
    agency.areaCode
      ? `${kind} · ${t('areaCode')} ${agency.areaCode} · ${agency.code}`
      : `${kind} · ${agency.code}`,
  );
  doc.moveDown(1.5);
  const facts: [string, string][] = [
    [t('period'), t('periodValue', { year: period.year, edition: period.edition })],
    [t('stage'), appText(lang, `stage.${period.stage}`)],
    [t('asOf'), period.asOf],
    [t('generatedAt'), formatTimestamp(report.generatedAt)],
    [t('factsHash'), report.factsHash],
  ];
  if (report.frozen) {
    facts.push([t('frozenAt'), formatTimestamp(report.frozen.frozenAt)]);
    facts.push([t('snapshotHash'), report.frozen.snapshotHash]);
  }
  drawTable(
    doc,
    [
      { header: '', width: 1, value: (r: [string, string]) => r[0], bold: true },
      { header: '', width: 3, value: (r: [string, string]) => r[1] },
    ],
    facts,
    { fontSize: 9, showHeader: false },
  );
  paragraph(doc, report.frozen ? t('finalNote') : t('draftNote'), {
    color: report.frozen ? COLORS.ok : COLORS.accent,
  });
  doc.moveDown(1);
  heading(doc, t('summary.results'));
  drawTable(doc, valueSummaryColumns(report), report.indicators);
  indexTable(doc, report);
}

function valueSummaryColumns(report: AgencyReport): Column<IndicatorSummary>[] {
  const t = (key: string) => reportText(report.lang, key);
  const cell = (key: IndicatorValue['key']) => (i: IndicatorSummary) => {
    const v = i.values.find((x) => x.key === key)!;
    return v.level === null ? '–' : `${v.level} · ${v.levelName}`;
  };
  return [
    { header: t('indicator'), width: 2.2, value: (i) => `${i.number} · ${i.name}`, bold: true },
    { header: appText(report.lang, 'values.claimed'), width: 1, value: cell('claimed') },
    { header: appText(report.lang, 'values.supported'), width: 1, value: cell('supported') },
    { header: appText(report.lang, 'values.verified'), width: 1, value: cell('verified') },
    { header: appText(report.lang, 'values.validated'), width: 1, value: cell('validated') },
  ];
}

function indexTable(doc: Pdf, report: AgencyReport): void {
  const t = (key: string) => reportText(report.lang, key);
  paragraph(doc, t('indexNote'), { color: COLORS.muted, size: 8 });
  doc.moveDown(0.3);
  drawTable(
    doc,
    [
      { header: t('value'), width: 1.4, value: (r) => appText(report.lang, `values.${r.key}`) },
      { header: t('index'), width: 1, value: (r) => r.display, align: 'right' },
      { header: t('predicate'), width: 1.4, value: (r) => r.predicate },
    ],
    report.index,
    { emptyText: t('noIndex') },
  );
  doc.font(FONT.bold).fontSize(9).text(t('predicateBands'));
  doc.moveDown(0.2);
  drawTable(
    doc,
    [
      { header: t('range'), width: 1, value: (r) => r.range },
      { header: t('predicate'), width: 2, value: (r) => r.name },
    ],
    report.predicates,
  );
}

function indicatorsSection(doc: Pdf, report: AgencyReport): void {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(report.lang, key, vars);
  for (const indicator of report.indicators) {
    heading(
      doc,
      t('indicatorHeading', {
        n: indicator.number,
        name: indicator.name,
        weight: formatNumber(report.lang, Number(indicator.weight), 0, 2),
      }),
    );
    drawTable(
      doc,
      [
        { header: t('value'), width: 1.2, value: (v) => appText(report.lang, `values.${v.key}`), bold: true },
        {
          header: t('level'),
          width: 0.6,
          value: (v) => (v.level === null ? '–' : String(v.level)),
          align: 'center',
        },
        { header: t('levelName'), width: 1.6, value: (v) => v.levelName },
        {
          header: t('contribution'),
          width: 1.1,
          value: (v) =>
            v.contribution === null ? '–' : formatNumber(report.lang, Number(v.contribution), 0, 3),
          align: 'right',
        },
        { header: t('predicate'), width: 1.2, value: (v) => v.predicate },
      ],
      indicator.values,
    );
    if (indicator.coverage) coverageBars(doc, report, indicator.coverage);
    explanationsBlock(doc, report.lang, indicator);
    doc.font(FONT.bold).fontSize(9).text(t('criteria'));
    doc.moveDown(0.2);
    drawTable(doc, criteriaColumns(report.lang), criteriaRows(report.lang, indicator.criteria), {
      fontSize: 7.5,
    });
  }
}

/** The text, the official Indonesian beside a translation, and where the text comes from. */
function sourced(lang: Lang, text: TextView): string {
  const official = text.official ? `\n${appText(lang, 'criteria.officialText')}: ${text.official}` : '';
  return `${text.text}${official}\n[${text.form} · ${appText(lang, 'criteria.source')}: ${text.source}]`;
}

function explanationsBlock(doc: Pdf, lang: Lang, indicator: IndicatorSummary): void {
  doc.font(FONT.bold).fontSize(9).text(appText(lang, 'criteria.explanations'));
  doc.moveDown(0.2);
  drawTable(
    doc,
    [
      { header: '', width: 1.3, value: (e: IndicatorSummary['explanations'][number]) => e.label, bold: true },
      { header: '', width: 5.7, value: (e) => sourced(lang, e.text) },
    ],
    indicator.explanations,
    { fontSize: 7.5, showHeader: false },
  );
}

interface CriteriaRow {
  criterion: CriterionLine;
  /** The first row of a level carries its name and whether it is met. */
  first: boolean;
  column: string;
  text: string;
}

/** Per level: Kriteria Level, Kriteria Pemenuhan Level, then one row per numbered evidence item. */
function criteriaRows(lang: Lang, criteria: CriterionLine[]): CriteriaRow[] {
  const a = (key: string) => appText(lang, key);
  return criteria.flatMap((c) => [
    { criterion: c, first: true, column: a('criteria.column.level'), text: sourced(lang, c.text) },
    {
      criterion: c,
      first: false,
      column: a('criteria.column.fulfilment'),
      text: sourced(lang, c.fulfilment),
    },
    ...c.items.map((item) => {
      const more = item.more ? [appText(lang, 'criteria.more', { n: item.more })] : [];
      const evidence = item.evidence.length
        ? [
            ...item.evidence.map(
              (e) => `${e.title} (${e.statusLabel}${e.counting ? '' : `, ${a('criteria.notCounting')}`})`,
            ),
            ...more,
          ].join('; ')
        : a('criteria.noneYet');
      return {
        criterion: c,
        first: false,
        column: `${a('criteria.column.evidence')} ${item.n}`,
        text: [
          sourced(lang, item.text),
          `${a('criteria.kinds')}: ${item.kinds.map((k) => k.label).join(', ')}`,
          `${a('criteria.agencyItems')}: ${evidence}`,
        ].join('\n'),
      };
    }),
  ]);
}

function criteriaColumns(lang: Lang): Column<CriteriaRow>[] {
  const t = (key: string) => reportText(lang, key);
  const met = (ok: boolean) => (ok ? t('met') : t('notMet'));
  const color = (ok: boolean) => (ok ? COLORS.ok : COLORS.accent);
  return [
    {
      header: t('level'),
      width: 0.8,
      value: (r) => (r.first ? `${r.criterion.level} · ${r.criterion.name}` : ''),
      bold: true,
    },
    { header: t('column'), width: 1, value: (r) => r.column, bold: true },
    { header: t('criterion'), width: 4.5, value: (r) => r.text },
    {
      header: appText(lang, 'values.supported'),
      width: 1,
      value: (r) => (r.first ? met(r.criterion.metSupported) : ''),
      color: (r) => color(r.criterion.metSupported),
    },
    {
      header: appText(lang, 'values.verified'),
      width: 1,
      value: (r) => (r.first ? met(r.criterion.metVerified) : ''),
      color: (r) => color(r.criterion.metVerified),
    },
  ];
}

/** The Indeks Pemdi, its predicate and the level each indicator counts with (a Pemdi period). */
function pemdiSection(doc: Pdf, report: AgencyReport, pemdi: PemdiSection): void {
  const a = (key: string, vars?: Record<string, unknown>) => appText(report.lang, key, vars);
  heading(doc, a('pemdi.title'));
  paragraph(doc, `${pemdi.frameworkTitle} (${pemdi.framework})`, { color: COLORS.muted, size: 8 });
  paragraph(
    doc,
    pemdi.complete
      ? `${a('pemdi.index')}: ${pemdi.index} · ${pemdi.predicate}`
      : `${a('pemdi.index')}: – · ${a('pemdi.incomplete', { missing: pemdi.missing })}`,
  );
  paragraph(doc, a('pemdi.levelRule'), { color: COLORS.muted, size: 8 });
  doc.moveDown(0.3);
  const rows = pemdi.aspects.flatMap((aspect) => aspect.indicators);
  drawTable(
    doc,
    [
      {
        header: a('pemdi.indicator'),
        width: 4.4,
        value: (r: (typeof rows)[number]) => `${r.code} ${r.name}${note(r)}`,
      },
      { header: a('pemdi.weight'), width: 0.8, value: (r) => r.weight, align: 'center' },
      {
        header: a('pemdi.level'),
        width: 1.6,
        value: (r) => (r.level ? `${r.level} (${a(`pemdi.from.${r.from}`)})` : a('pemdi.missing')),
        bold: true,
      },
    ],
    rows,
  );
  function note(r: (typeof rows)[number]): string {
    const parts = [
      r.external ? ` — ${r.external.source}, ${r.external.sourceDateText}` : '',
      r.provisionalSource ? ` — ${a('pemdi.provisional')}: ${r.provisionalSource}` : '',
    ];
    return parts.join('');
  }
}

function readingsSection(doc: Pdf, report: AgencyReport): void {
  const a = (key: string) => appText(report.lang, key);
  heading(doc, a('readings.title'));
  paragraph(doc, a('readings.lead'), { color: COLORS.muted, size: 8 });
  doc.moveDown(0.3);
  drawTable(
    doc,
    [
      { header: a('readings.reading'), width: 5.2, value: (r: AgencyReport['readings'][number]) => r.text },
      { header: a('readings.value'), width: 1.4, value: (r) => r.value ?? '–', bold: true },
    ],
    report.readings,
  );
}

function unitsSection(doc: Pdf, report: AgencyReport): void {
  const { lang } = report;
  const t = (key: string) => reportText(lang, key);
  doc.addPage();
  heading(doc, t('units'));
  const level = (n: number | null) => (n === null ? '–' : String(n));
  drawTable(
    doc,
    [
      { header: t('unitCode'), width: 1, value: (u) => u.code },
      {
        header: t('unit'),
        width: 3.4,
        value: (u) => (u.inScope ? u.name : `${u.name}\n${t('outOfScope')}: ${u.outOfScopeReason ?? ''}`),
      },
      {
        header: t('levelSupported'),
        width: 1.3,
        value: (u) => level(u.levelSupported),
        align: 'center',
        bold: true,
      },
      { header: t('levelVerified'), width: 1.3, value: (u) => level(u.levelVerified), align: 'center' },
      {
        header: t('appsViaSpl'),
        width: 1.1,
        value: (u) => `${u.viaSpl} / ${u.applications}`,
        align: 'center',
      },
      {
        header: t('coverage'),
        width: 0.9,
        value: (u) => (u.coveragePct === null ? '–' : `${u.coveragePct}%`),
        align: 'right',
      },
    ],
    report.units,
    { emptyText: t('noUnits') },
  );
}

function gapsSection(doc: Pdf, report: AgencyReport): void {
  const t = (key: string) => reportText(report.lang, key);
  heading(doc, t('gaps'));
  drawTable(
    doc,
    [
      { header: t('indicator'), width: 0.7, value: (g) => String(g.indicator), align: 'center' },
      { header: t('nextLevel'), width: 0.7, value: (g) => String(g.nextLevel), align: 'center' },
      { header: t('missing'), width: 6.8, value: (g) => g.message },
    ],
    report.gaps,
    { emptyText: t('noGaps') },
  );
}

function evidenceSection(doc: Pdf, report: AgencyReport): void {
  const { lang } = report;
  const t = (key: string) => reportText(lang, key);
  heading(doc, t('evidenceManifest'));
  paragraph(doc, t('evidenceManifestNote'), { color: COLORS.muted, size: 8 });
  doc.moveDown(0.3);
  // A link item shows its URL whole (the table cuts only what no row can hold) and its snapshot.
  const describe = (e: EvidenceLine & { n: number }) =>
    e.url
      ? `${e.title}\n${appText(lang, `kind.${e.kind}`)} · ${appText(lang, 'evidence.link')} (${t('linkCaptured')} ${e.capturedAt ?? ''})${e.file ? ` · ${e.file.name}` : ''}\n${e.url}`
      : `${e.title}\n${appText(lang, `kind.${e.kind}`)}${e.file ? ` · ${e.file.name}` : ` · ${t('noFile')}`}`;
  drawTable(
    doc,
    [
      { header: t('rowNumber'), width: 24, value: (e) => String(e.n), align: 'right' },
      { header: t('evidenceTitle'), width: 162, value: describe },
      { header: t('status'), width: 50, value: (e) => appText(lang, `status.${e.status}`) },
      { header: t('documentDate'), width: 48, value: (e) => e.documentDate },
      { header: 'SHA-256', width: 227, value: (e) => e.file?.sha256 ?? '–', size: 6 },
    ],
    report.evidence.map((e, i) => ({ ...e, n: i + 1 })),
    { emptyText: t('noEvidence'), fontSize: 7.5 },
  );
}

function reviewsSection(doc: Pdf, report: AgencyReport): void {
  const { lang } = report;
  const t = (key: string) => reportText(lang, key);
  heading(doc, t('reviews'));
  const rows = report.reviews.flatMap((r) => [
    { review: r, followUp: null as null | (typeof r.followUps)[number] },
    ...r.followUps.map((f) => ({ review: r, followUp: f })),
  ]);
  const units = (u: string) => (u === '*' ? t('allUnits') : u || '–');
  drawTable(
    doc,
    [
      {
        header: t('date'),
        width: 0.9,
        value: (x) => (x.followUp ? (x.followUp.date ?? '–') : x.review.date),
      },
      {
        header: t('reviewOrFollowUp'),
        width: 1.3,
        value: (x) => (x.followUp ? `↳ ${t('followUp')}` : appText(lang, `data.subject.${x.review.subject}`)),
        bold: false,
      },
      { header: t('units'), width: 1.2, value: (x) => (x.followUp ? '' : units(x.review.units)) },
      {
        header: t('findings'),
        width: 3.4,
        value: (x) => (x.followUp ? x.followUp.finding : (x.review.findings ?? '–')),
      },
      {
        header: t('status'),
        width: 0.9,
        value: (x) => (x.followUp ? appText(lang, `data.followUpStatus.${x.followUp.status}`) : ''),
      },
    ],
    rows,
    { emptyText: t('noReviews') },
  );
}
