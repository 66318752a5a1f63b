import type { HubFigures } from '../hub/hub-figures.service';
import { createHash } from 'node:crypto';
import { criteriaView, readingsView } from '../assessments/criteria.view';
import { loadFramework } from '../framework/framework.loader';
import type { Lang } from '../i18n/i18n';
import type { Facts } from '../scoring/facts.types';
import { readingsApplied } from '../scoring/readings';
import type { EvidenceLine } from '../evidence/evidence-package';
import type { AgencyReport, IndicatorSummary, UnitLine } from './report.model';

const KINDS = [
  'api_list',
  'sop',
  'operating_documentation',
  'usage_report',
  'review_report',
  'policy_enacted',
];
const STATUSES = ['accepted', 'submitted', 'draft', 'needs_revision'];

/** A realistic agency report without a database: `units` units and `evidence` evidence lines. */
export function sampleReport(
  options: { lang?: Lang; units?: number; evidence?: number; frozen?: boolean } = {},
): AgencyReport {
  const lang = options.lang ?? 'id';
  const units: UnitLine[] = Array.from({ length: options.units ?? 45 }, (_v, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    code: `U${String(i + 1).padStart(2, '0')}`,
    name: i % 7 === 0 ? `Kecamatan Sukamaju Wétan ${i + 1}` : `Dinas Pelayanan Terpadu Nomor ${i + 1}`,
    kind: i % 7 === 0 ? 'kecamatan' : 'dinas',
    inScope: i !== 3,
    outOfScopeReason: i === 3 ? 'Unit dibubarkan pada 2026' : null,
    levelSupported: i === 3 ? null : i % 4,
    levelVerified: i === 3 ? null : Math.max(0, (i % 4) - 1),
    coveragePct: i === 3 ? null : (i % 4) * 25,
    applications: 1 + (i % 3),
    viaSpl: i % 3,
  }));
  const evidence: EvidenceLine[] = Array.from({ length: options.evidence ?? 500 }, (_v, i) => ({
    evidenceId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title:
      i % 11 === 0
        ? `Laporan reviu dan evaluasi SPL triwulan ${(i % 4) + 1} beserta notulensi rapat koordinasi`
        : `Daftar API unit ${i + 1}`,
    kind: KINDS[i % KINDS.length],
    status: STATUSES[i % STATUSES.length],
    documentDate: `2026-${String((i % 9) + 1).padStart(2, '0')}-1${i % 9}`,
    documentNumber: null,
    indicators: [18],
    units: units[i % units.length].code,
    url: null,
    capturedAt: null,
    file: {
      id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `bukti-${i + 1}.pdf`,
      sha256: createHash('sha256').update(`file ${i}`).digest('hex'),
      size: 1000 + i,
      mimeType: 'application/pdf',
      storageKey: `evidence/x/2026/${i}`,
      slot: 1,
      revision: 1,
      uploadedAt: new Date(Date.UTC(2026, 2, 1)),
    },
  }));
  const facts: Facts = {
    asOf: '2026-10-31',
    units: [],
    evidence: evidence.map((e) => ({
      id: e.evidenceId,
      indicator: e.indicators[0],
      kind: e.kind,
      status: e.status as Facts['evidence'][number]['status'],
      date: e.documentDate,
    })),
  };
  const titles = new Map(evidence.map((e) => [e.evidenceId, e.title]));
  const inputs = {
    reviewWindowMonths: 12,
    reviewWindowFromInput: false,
    coverageTarget: 1,
    coverageTargetApplies: false,
  };
  return {
    lang,
    generatedAt: new Date(Date.UTC(2026, 10, 2, 3, 4)),
    agency: {
      id: 'a',
      code: 'kab-nusa-makmur',
      name: 'Pemerintah Kabupaten Nusa Makmur',
      kind: 'regency',
      areaCode: '33.01',
    },
    period: {
      year: 2026,
      edition: 'B',
      stage: options.frozen ? 'final' : 'self_assessment',
      asOf: '2026-10-31',
      coverageTarget: 1,
    },
    frozen: options.frozen
      ? { snapshotHash: 'f'.repeat(64), frozenAt: new Date(Date.UTC(2026, 11, 1)) }
      : null,
    factsHash: 'a'.repeat(64),
    indicators: [
      indicator(7, 'Kebijakan internal terkait penggunaan SPL', '1.30', 2, { lang, facts, titles }),
      indicator(18, 'Penggunaan SPL', '2.50', 3, { lang, facts, titles }, true),
    ],
    readings: readingsView(
      readingsApplied(inputs, lang),
      null,
      { edition: 'B', reviewWindowMonths: null },
      lang,
    ),
    index: [{ key: 'supported', display: '2.66', predicate: 'Baik' }],
    predicates: [
      { range: '4.20 – 5.00', name: 'Memuaskan' },
      { range: '3.50 – < 4.20', name: 'Sangat Baik' },
      { range: '2.60 – < 3.50', name: 'Baik' },
      { range: '1.80 – < 2.60', name: 'Cukup' },
      { range: '0.00 – < 1.80', name: 'Kurang' },
    ],
    units,
    applications: units.map((u) => ({
      unitCode: u.code,
      unitName: u.name,
      name: `SIM ${u.code}`,
      exchange: 'spl',
      description: null,
    })),
    evidence,
    reviews: [
      {
        subject: 'spl',
        date: '2026-06-01',
        units: '*',
        findings: 'Tiga aplikasi masih point-to-point.',
        followUps: [{ finding: 'Migrasi SIMPEG ke SPL', status: 'done', date: '2026-08-01' }],
      },
    ],
    gaps: units.slice(0, 12).map((u) => ({
      indicator: 18,
      nextLevel: 3,
      code: 'I18_L3_UNITS_BELOW_L2',
      message: `${u.name} belum berada pada level 2: belum ada dokumentasi formal penggunaan SPL.`,
    })),
    hub: {
      months: Array.from({ length: 12 }, (_v, i) => `2026-${String(i + 1).padStart(2, '0')}`),
      calls: [120000, 135000, 150500, 149000, 170000, 182000, 190000, 210000, 0, 0, 0, 0],
      errors: [1200, 900, 1500, 800, 700, 650, 600, 500, 0, 0, 0, 0],
      uptime: [99.5, 99.9, 98.7, 99.95, 99.99, 100, 99.8, 99.7, null, null, null, null],
      hasUsage: true,
      hasUptime: true,
    },
    hubFigures: sampleHubFigures(),
  };
}

function sampleApi(
  name: string,
  unitCode: string,
  precision: 'RAW' | 'AGGREGATED',
  calls: number,
  errorRate: number | null,
  p95Ms: number,
): HubFigures['apis'][number] {
  return {
    id: name,
    hubId: 'spl-sukamaju',
    apiKey: name,
    sourceId: null,
    name,
    version: '1.0.0',
    context: null,
    provider: null,
    lifecycleStatus: 'PUBLISHED',
    publishedOnBus: true,
    unit: { id: unitCode, code: unitCode, name: unitCode },
    rule: null,
    application: null,
    consumerCount: 0,
    consumers: [],
    statusCodes: {},
    devices: null,
    sandboxCalls: 0,
    latency: {
      precision,
      asReported: precision !== 'RAW',
      avgMs: null,
      p50Ms: null,
      p95Ms,
      p99Ms: null,
      samples: null,
      backend: null,
      requestMediation: null,
    },
    fileName: 'apis.json',
    importedAt: '2026-09-30T00:00:00.000Z',
    calls,
    success: calls,
    clientErrors: 0,
    serverErrors: 0,
    faults: 0,
    faultsByType: { AUTH: 0, THROTTLED: 0, TARGET_CONNECTIVITY: 0, OTHER: 0 },
    errorRate,
  };
}

/** Figures as HubFiguresService gives them: raw latency, two monitors, a certificate near expiry. */
export function sampleHubFigures(): HubFigures {
  const stats = (avgMs: number, p50Ms: number, p95Ms: number, p99Ms: number) => ({
    avgMs,
    p50Ms,
    p95Ms,
    p99Ms,
    samples: 1234567,
  });
  const top = (i: number, kind: string) => ({
    key: `${kind}-${i}`,
    name: `${kind === 'app' ? 'Aplikasi' : 'Layanan'} Pelayanan Terpadu Satu Pintu ${i}`,
    owner: `pemilik${i}@sukamaju.go.id`,
    unitCode: `U${String(i).padStart(2, '0')}`,
    calls: 250000 - i * 12345,
  });
  const window = (uptimePct: number) => ({ uptimePct, coveredPct: 100 });
  const monitor = (name: string, days: number | null) => ({
    hubId: 'spl-sukamaju',
    hubName: 'SPL Sukamaju',
    monitorId: name,
    monitorName: name,
    url: `https://${name.toLowerCase().replace(/ /g, '-')}.sukamaju.go.id/api/v1/health-check`,
    uptimePct: 99.873,
    downEvents: 4,
    downtimeSec: 9120,
    months: [],
    windows: {
      day: window(100),
      week: window(99.5),
      month: window(99.912),
      until: '2026-09-30T00:00:00.000Z',
    },
    status: 'UP',
    statusSince: '2026-09-12T04:10:00.000Z',
    lastDowntime: { start: '2026-09-12T03:25:00.000Z', durationSec: 2700, reason: 'Connection Timeout' },
    avgResponseMs: 182.4,
    sslExpiresAt: days === null ? null : new Date(Date.UTC(2026, 9, 1) + days * 86_400_000).toISOString(),
    sslIssuer: days === null ? null : "Let's Encrypt R11",
    sslDaysLeft: days,
    domainExpiresAt: null,
    domainDaysLeft: null,
    expiryWarning: days !== null && days <= 30,
  });
  return {
    year: 2026,
    unitId: null,
    totals: {
      calls: 1316500,
      success: 1290012,
      clientErrors: 18734,
      serverErrors: 5120,
      faults: 2634,
      faultsByType: { AUTH: 1500, THROTTLED: 900, TARGET_CONNECTIVITY: 200, OTHER: 34 },
      errorRate: 0.02012,
      publishedApis: 38,
      registeredApis: 45,
      consumers: 27,
      latency: {
        precision: 'RAW',
        asReported: false,
        ...stats(87.25, 61, 240, 910),
        backend: stats(70.5, 48, 201, 850),
        requestMediation: stats(3.2, 2, 9, 21),
      },
      lifecycle: { PUBLISHED: 38, CREATED: 4, DEPRECATED: 2, RETIRED: 1 },
      statusCodes: { '200': 1250000, '201': 40012, '401': 1500, '404': 17234, '429': 900, '503': 5120 },
      devices: {
        calls: 1313878,
        platforms: [
          { name: 'UNKNOWN', calls: 812000, share: 812000 / 1313878 },
          { name: 'Android', calls: 301878, share: 301878 / 1313878 },
          { name: 'Windows', calls: 150000, share: 150000 / 1313878 },
          { name: 'OTHER', calls: 50000, share: 50000 / 1313878 },
        ],
        userAgents: [
          { name: 'UNKNOWN', calls: 812000, share: 812000 / 1313878 },
          { name: 'Chrome Mobile WebView', calls: 301878, share: 301878 / 1313878 },
          { name: 'Chrome', calls: 200000, share: 200000 / 1313878 },
        ],
      },
      sandboxCalls: 4321,
      topConsumers: Array.from({ length: 10 }, (_v, i) => top(i + 1, 'app')),
      topProviders: Array.from({ length: 10 }, (_v, i) => top(i + 1, 'api')),
    },
    apis: [
      sampleApi('Layanan Data Kependudukan', 'U01', 'RAW', 412000, 0.0123, 240),
      sampleApi('Perizinan Berusaha Terintegrasi', 'U02', 'AGGREGATED', 98000, null, 480),
    ],
    months: [],
    uptime: [monitor('Gateway SPL', 21), monitor('Portal Layanan Publik', 200), monitor('Cadangan', null)],
    splp: { connected: true, signals: [] },
  };
}

function indicator(
  n: number,
  name: string,
  weight: string,
  supported: number,
  scored: { lang: Lang; facts: Facts; titles: Map<string, string> },
  coverage = false,
): IndicatorSummary {
  const levels = [1, 2, 3, 4, 5];
  const criteria = criteriaView({
    framework: loadFramework(),
    indicator: n,
    edition: 'B',
    ...scored,
    supported: levels.map((level) => ({ level, name: '', met: level <= supported, codes: [] })),
    verified: levels.map((level) => ({ level, name: '', met: level < supported, codes: [] })),
  });
  const names = ['Belum ada', 'Rintisan', 'Terkelola', 'Terdefinisi', 'Terpadu dan Terukur', 'Optimum'];
  const value = (key: 'claimed' | 'supported' | 'verified' | 'validated', level: number | null) => ({
    key,
    level,
    levelName: level === null ? '–' : names[level],
    contribution: level === null ? null : ((level * Number(weight)) / 100).toFixed(3),
    predicate: level === null ? '–' : 'Baik',
  });
  return {
    number: n,
    name,
    weight,
    values: [
      value('claimed', supported + 1),
      value('supported', supported),
      value('verified', supported - 1),
      value('validated', null),
    ],
    explanations: criteria.explanations,
    criteria: criteria.levels,
    ...(coverage
      ? { coverage: { supported: 0.71, verified: 0.42, target: 1, unitsInScope: 44, usingSpl: 31 } }
      : {}),
  };
}
