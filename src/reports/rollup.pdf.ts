import type { Framework } from '../framework/framework.schema';
import type { DirectoryEntry } from '../hub/hub-directory.service';
import { formatPercent } from '../i18n/numbers';
import { codeLabel, type Lang } from '../i18n/i18n';
import type { IndexResult } from '../scoring/spbe-index';
import { barChart } from './pdf-charts';
import { COLORS, FONT, Pdf, contentWidth, heading, paragraph } from '../documents/pdf-document';
import { Column, TableWriter, drawTable } from '../documents/pdf-table';
import type { PackageFigures, RollupBasis, RollupRow } from './rollup.repository';
import { appText, formatNumber, formatTimestamp, gapWhat, percent, reportText } from './report-text';

export interface RollupSummary {
  lang: Lang;
  year: number;
  stage: string;
  basis: RollupBasis;
  scopeLabel: string;
  generatedAt: Date;
  agencies: number;
  levelPairs: { i7: number | null; i18: number | null; agencies: number }[];
  gaps: { code: string; agencies: number }[];
  /** A period on a framework package (Pemdi 2026): the table's index is the stored Indeks Pemdi. */
  pemdi?: boolean;
  /** A package period's cover: its name, predicate bands (highest first) and stored figures. */
  pemdiCover?: PemdiCover;
}

export interface PemdiCover {
  /** "Periode 2026 · Evaluasi Kinerja Pemerintah Digital (PermenPANRB 8/2026) · versi 2026.1". */
  framework: string;
  bands: { name: { id: string; en: string } }[];
  figures: PackageFigures;
}

/** An agency row of the table; `pemdi` is its stored Indeks Pemdi and predicate in words. */
export type RollupTableRow = RollupRow & {
  n: number;
  pemdi?: { index: string | null; predicate: string | null } | null;
};

type IndexOf = (levels: Record<number, number>) => IndexResult;

/** Page one of a roll-up: what it covers, level and predicate distributions, common gaps. */
export function rollupCover(doc: Pdf, s: RollupSummary, framework: Framework, indexOf: IndexOf): void {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(s.lang, key, vars);
  doc.font(FONT.bold).fontSize(18).fillColor(COLORS.brand).text(rollupTitle(s));
  doc
    .font(FONT.regular)
    .fontSize(10)
    .fillColor(COLORS.muted)
    .text(s.pemdiCover ? s.pemdiCover.framework : t('summary.subtitle'));
  doc.moveDown(0.6);
  paragraph(
    doc,
    [
      `${t('rollup.scope')}: ${s.scopeLabel}`,
      `${t('stage')}: ${appText(s.lang, `stage.${s.stage}`)}`,
      `${t('rollup.basis')}: ${appText(s.lang, `values.${s.basis}`)}`,
      `${t('rollup.agencies')}: ${formatNumber(s.lang, s.agencies)}`,
      `${t('generatedAt')}: ${formatTimestamp(s.generatedAt)}`,
    ].join('   ·   '),
  );
  if (s.stage !== 'final') paragraph(doc, t('rollup.draftNote'), { color: COLORS.accent, size: 8 });
  doc.moveDown(0.8);
  if (s.pemdiCover) {
    pemdiCharts(doc, s, s.pemdiCover);
    return;
  }
  const half = (contentWidth(doc) - 20) / 2;
  const top = doc.y;
  const x = doc.page.margins.left;
  const levels = [0, 1, 2, 3, 4, 5];
  const count = (pick: (p: RollupSummary['levelPairs'][number]) => number | null, level: number) =>
    s.levelPairs.filter((p) => pick(p) === level).reduce((sum, p) => sum + p.agencies, 0);
  barChart(
    doc,
    { x, y: top, width: half, height: 170 },
    {
      title: t('rollup.levelDistribution'),
      labels: levels.map(String),
      series: [
        {
          name: t('indicatorShort', { n: 7 }),
          color: COLORS.brand,
          values: levels.map((l) => count((p) => p.i7, l)),
        },
        {
          name: t('indicatorShort', { n: 18 }),
          color: COLORS.ok,
          values: levels.map((l) => count((p) => p.i18, l)),
        },
      ],
      format: (v) => formatNumber(s.lang, v),
      showValues: true,
      integer: true,
      emptyText: t('rollup.none'),
    },
  );
  const predicates = predicateCounts(s, framework, indexOf);
  barChart(
    doc,
    { x: x + half + 20, y: top, width: half, height: 170 },
    {
      title: t('rollup.predicateDistribution'),
      labels: predicates.map((p) => p.name),
      series: [
        { name: t('rollup.agencies'), color: COLORS.brand, values: predicates.map((p) => p.agencies) },
      ],
      format: (v) => formatNumber(s.lang, v),
      showValues: true,
      integer: true,
      emptyText: t('rollup.none'),
    },
  );
  doc.moveDown(1);
  commonGaps(doc, s);
}

/** The roll-up's title: SPBE Indicators 7 and 18, or the Indeks Pemdi of a package period. */
export function rollupTitle(s: Pick<RollupSummary, 'lang' | 'year' | 'pemdiCover'>): string {
  return reportText(s.lang, s.pemdiCover ? 'rollup.pemdiTitle' : 'rollup.title', { year: s.year });
}

/**
 * The cover of a package period: indicator levels across the agencies and agencies per predicate
 * of their stored Indeks Pemdi, instead of the SPBE charts over Indicators 7 and 18.
 */
function pemdiCharts(doc: Pdf, s: RollupSummary, cover: PemdiCover): void {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(s.lang, key, vars);
  const half = (contentWidth(doc) - 20) / 2;
  const top = doc.y;
  const x = doc.page.margins.left;
  const levels = [1, 2, 3, 4, 5];
  const indicatorsAt = (level: number | null) =>
    cover.figures.levels.filter((l) => l.level === level).reduce((sum, l) => sum + l.indicators, 0);
  const none = indicatorsAt(null);
  barChart(
    doc,
    { x, y: top, width: half, height: 170 },
    {
      title: t('rollup.pemdiLevels'),
      labels: [...levels.map(String), ...(none ? [t('rollup.pemdiNoLevel')] : [])],
      series: [
        {
          name: t('rollup.pemdiIndicators'),
          color: COLORS.brand,
          values: [...levels.map(indicatorsAt), ...(none ? [none] : [])],
        },
      ],
      format: (v) => formatNumber(s.lang, v),
      showValues: true,
      integer: true,
      emptyText: t('rollup.none'),
    },
  );
  const bands = [...cover.bands].reverse().map((b) => ({ name: b.name, agencies: 0 }));
  let pending = 0;
  for (const row of cover.figures.predicates) {
    const name = row.predicate ? (JSON.parse(row.predicate) as { id: string; en: string }) : null;
    const band = name && bands.find((b) => b.name.id === name.id);
    if (band) band.agencies += row.agencies;
    else pending += row.agencies;
  }
  const bars = [
    ...bands.map((b) => ({ name: b.name[s.lang], agencies: b.agencies })),
    ...(pending ? [{ name: t('rollup.pemdiIncomplete'), agencies: pending }] : []),
  ];
  barChart(
    doc,
    { x: x + half + 20, y: top, width: half, height: 170 },
    {
      title: t('rollup.pemdiPredicates'),
      labels: bars.map((b) => b.name),
      series: [{ name: t('rollup.agencies'), color: COLORS.brand, values: bars.map((b) => b.agencies) }],
      format: (v) => formatNumber(s.lang, v),
      showValues: true,
      integer: true,
      emptyText: t('rollup.none'),
    },
  );
  doc.moveDown(1);
  paragraph(doc, t('rollup.pemdiLegend'), { color: COLORS.muted, size: 8 });
}

/** Agencies per predicate of the index over Indicators 7 and 18, lowest band first. */
function predicateCounts(s: RollupSummary, framework: Framework, indexOf: IndexOf) {
  const bands = [...framework.predicates].reverse().map((p) => ({ name: p.name[s.lang], agencies: 0 }));
  const pending = { name: reportText(s.lang, 'rollup.notComputed'), agencies: 0 };
  for (const pair of s.levelPairs) {
    if (pair.i7 === null || pair.i18 === null) {
      pending.agencies += pair.agencies;
      continue;
    }
    const name = indexOf({ 7: pair.i7, 18: pair.i18 }).overall.predicate?.[s.lang];
    const band = bands.find((b) => b.name === name);
    if (band) band.agencies += pair.agencies;
  }
  return pending.agencies ? [...bands, pending] : bands;
}

function commonGaps(doc: Pdf, s: RollupSummary): void {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(s.lang, key, vars);
  heading(doc, t('rollup.commonGaps'), 11);
  drawTable(
    doc,
    [
      { header: t('rollup.gapMeaning'), width: 7, value: (g) => gapLabel(s.lang, g.code) },
      {
        header: t('rollup.agencies'),
        width: 1,
        value: (g) => formatNumber(s.lang, g.agencies),
        align: 'right',
      },
      {
        header: t('rollup.share'),
        width: 1,
        value: (g) => (s.agencies ? percent(s.lang, g.agencies / s.agencies) : '–'),
        align: 'right',
      },
    ],
    s.gaps,
    { emptyText: t('noGaps') },
  );
}

/** "Indikator 18 → level 3: units below level 2" from a code such as I18_L3_UNITS_BELOW_L2. */
export function gapLabel(lang: Lang, code: string): string {
  const match = /^I(\d+)_(UNIT_)?L(\d)_(.+)$/.exec(code);
  if (!match) return code;
  const [, indicator, unit, level] = match;
  const what = gapWhat(lang, code);
  return reportText(lang, unit ? 'rollup.gapUnitLine' : 'rollup.gapLine', { indicator, level, what });
}

/** The agency table of a roll-up, written as rows arrive. */
export function rollupTable(doc: Pdf, s: RollupSummary, indexOf: IndexOf): TableWriter<RollupTableRow> {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(s.lang, key, vars);
  const lv = (n: number | null) => (n === null ? '–' : String(n));
  const index = (r: RollupRow) => {
    const a = r.levels['7'][s.basis];
    const b = r.levels['18'][s.basis];
    return a === null || b === null ? null : indexOf({ 7: a, 18: b }).overall;
  };
  const level = (indicator: '7' | '18', basis: 'supported' | 'verified' | 'validated', short: string) => ({
    header: `${t('indicatorShort', { n: indicator })} ${short}`,
    width: 38,
    value: (r: RollupRow) => lv(r.levels[indicator][basis]),
    align: 'center' as const,
    bold: basis === s.basis,
  });
  const indexText = (r: RollupTableRow) => (s.pemdi ? r.pemdi?.index : index(r)?.display) ?? '–';
  const predicateText = (r: RollupTableRow) =>
    (s.pemdi ? r.pemdi?.predicate : index(r)?.predicate?.[s.lang]) ?? '–';
  const columns: Column<RollupTableRow>[] = [
    { header: t('rowNumber'), width: 28, value: (r) => String(r.n), align: 'right' },
    { header: t('agency'), width: 200, value: (r) => r.name },
    { header: t('rollup.kind'), width: 58, value: (r) => appText(s.lang, `agencyKind.${r.kind}`) },
    { header: t('areaCode'), width: 44, value: (r) => r.areaCode ?? '–' },
    // A package period has no Indicators 7 and 18: its levels are in the stored Indeks Pemdi.
    ...(s.pemdi
      ? []
      : [
          level('7', 'supported', t('rollup.s')),
          level('7', 'verified', t('rollup.v')),
          level('7', 'validated', t('rollup.val')),
          level('18', 'supported', t('rollup.s')),
          level('18', 'verified', t('rollup.v')),
          level('18', 'validated', t('rollup.val')),
        ]),
    {
      header: t('coverage'),
      width: 48,
      value: (r) => (r.coverage === null ? '–' : percent(s.lang, r.coverage)),
      align: 'right',
    },
    {
      header: s.pemdi ? appText(s.lang, 'pemdi.index') : t('index'),
      width: 42,
      value: indexText,
      align: 'right',
      bold: true,
    },
    { header: t('predicate'), width: 70, value: predicateText },
  ];
  heading(doc, t('rollup.table'), 11);
  const legend = s.pemdi ? 'rollup.pemdiTableLegend' : 'rollup.legend';
  paragraph(doc, t(legend, { basis: appText(s.lang, `values.${s.basis}`) }), {
    color: COLORS.muted,
    size: 7.5,
  });
  doc.moveDown(0.3);
  return new TableWriter(doc, columns, { fontSize: 7.5, emptyText: t('rollup.none') }).start();
}

export type DirectoryLine = DirectoryEntry & { n: number };

/**
 * The SPL directory of the same agencies, in the same order: the columns of /spl-directory
 * (its rows, from the hub's directory service). A table of its own beside the levels, so
 * neither has to squeeze eight more columns onto a landscape page.
 */
export function rollupDirectoryTable(doc: Pdf, s: RollupSummary): TableWriter<DirectoryLine> {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(s.lang, key, vars);
  const d = (key: string, vars?: Record<string, unknown>) => t(`rollup.directory.${key}`, vars);
  const columns: Column<DirectoryLine>[] = [
    { header: t('rowNumber'), width: 26, value: (r) => String(r.n), align: 'right' },
    { header: t('agency'), width: 150, value: (r) => r.name },
    {
      header: d('spl'),
      width: 120,
      value: (r) =>
        r.spl
          ? [r.spl, r.platform && codeLabel(s.lang, 'hub.platform', r.platform)].filter(Boolean).join('\n')
          : d('noSpl'),
    },
    { header: d('tenant'), width: 95, value: (r) => r.tenant ?? '–' },
    {
      header: d('published'),
      width: 46,
      value: (r) => formatNumber(s.lang, r.publishedApis),
      align: 'right',
    },
    {
      header: d('splp'),
      width: 130,
      value: (r) => (r.splpConnected ? `${d('connected')}\n${r.splpProof ?? ''}`.trim() : d('notShown')),
      color: (r) => (r.splpConnected ? COLORS.ok : undefined),
    },
    {
      header: d('lastImport'),
      width: 58,
      value: (r) => (r.lastImport ? new Date(r.lastImport).toISOString().slice(0, 10) : '–'),
    },
    {
      header: d('uptime30d'),
      width: 50,
      value: (r) => (r.uptime30d === null ? '–' : formatPercent(s.lang, r.uptime30d, 2)),
      align: 'right',
    },
    {
      header: d('certDays'),
      width: 52,
      value: (r) => (r.certDaysLeft === null ? '–' : formatNumber(s.lang, r.certDaysLeft)),
      align: 'right',
      bold: true,
      color: (r) => (r.certWarning ? COLORS.accent : undefined),
    },
  ];
  heading(doc, d('title'), 11);
  paragraph(doc, d('legend'), { color: COLORS.muted, size: 7.5 });
  doc.moveDown(0.3);
  return new TableWriter(doc, columns, { fontSize: 7.5, emptyText: t('rollup.none') }).start();
}
