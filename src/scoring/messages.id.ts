import type { FollowUpIssue, IntegrationIssue, NotCountingEvidence, PolicyIssue, ReviewIssue } from './gaps';
import type { Formatter } from './messages.format';
import type { Catalogue } from './messages.types';

const TARGETS: Record<string, string> = { splp: 'SPLP (splp)', other_spl: 'SPL instansi lain (other_spl)' };
const target = (value: string): string => TARGETS[value] ?? value;

const evidenceTail = (kinds: readonly string[], statuses: readonly string[], f: Formatter): string =>
  `dengan bukti dukung berjenis ${f.or(kinds)} yang berstatus ${f.or(statuses)}`;

const listed = (label: string, parts: readonly string[]): string =>
  parts.length ? ` ${label}: ${parts.join('; ')}.` : '';

function notCounting(items: readonly NotCountingEvidence[], asOf: string): string {
  const parts = items.map((e) =>
    e.reason === 'status'
      ? `${e.id} (status ${e.status})`
      : `${e.id} (bertanggal ${e.date}, setelah ${asOf})`,
  );
  return listed('Bukti dukung yang belum terhitung', parts);
}

function reviewIssues(items: readonly ReviewIssue[], after: string, asOf: string): string {
  const why: Record<ReviewIssue['reason'], string> = {
    before_window: `pada atau sebelum ${after}, di luar jangka waktu`,
    after_as_of: `setelah ${asOf}`,
    no_evidence: 'tanpa bukti dukung reviu yang terhitung',
    not_covering: 'tidak mencakup unit ini',
  };
  return listed(
    'Reviu yang tidak terhitung',
    items.map((r) => `${r.id} (${r.date}: ${why[r.reason]})`),
  );
}

function followUpIssues(items: readonly FollowUpIssue[], asOf: string): string {
  const why: Record<FollowUpIssue['reason'], string> = {
    not_done: 'belum selesai',
    before_review: 'bertanggal sebelum reviu',
    after_as_of: `bertanggal setelah ${asOf}`,
    no_evidence: 'tanpa bukti dukung hasil evaluasi atau rapat penyempurnaan yang terhitung (butir 1)',
    no_improvement_evidence: 'tanpa bukti dukung sebelum dan sesudah penyempurnaan yang terhitung (butir 2)',
  };
  return listed(
    'Tindak lanjut yang tidak memenuhi',
    items.map((x) => `${x.id} atas ${x.review} (${why[x.reason]})`),
  );
}

function integrationIssues(items: readonly IntegrationIssue[]): string {
  const why = (x: IntegrationIssue): string =>
    x.reason === 'other_target'
      ? `dengan ${target(x.with)}, tidak diterima pada edisi ini`
      : 'tanpa bukti dukung integrasi yang terhitung';
  return listed(
    'Integrasi yang tidak terhitung',
    items.map((x) => `${x.id} (${why(x)})`),
  );
}

function policyIssues(items: readonly PolicyIssue[], label: string, asOf: string, earliest = ''): string {
  const why: Record<PolicyIssue['reason'], string> = {
    not_spl_use: 'tidak mengatur penggunaan SPL',
    after_as_of: `bertanggal setelah ${asOf}`,
    no_evidence: 'tanpa bukti dukung terhitung dengan jenis yang diterima',
    draft: 'masih berupa rancangan',
    too_early: `bertanggal sebelum ${earliest}`,
  };
  return listed(
    label,
    items.map((p) => `${p.id} (${why[p.reason]})`),
  );
}

const unitClause = (unit: string | undefined): string =>
  unit ? ` yang mencakup unit ${unit} (units "all" atau memuat "${unit}")` : '';

export const ID: Catalogue = {
  REVIEW_NOT_IN_WINDOW: (p, f) =>
    `Catat reviu ${p.subject === 'spl' ? 'SPL' : 'kebijakan penggunaan SPL'} (subject "${p.subject}")${unitClause(p.unit)} bertanggal setelah ${p.after} dan paling lambat ${p.onOrBefore}, ${evidenceTail(p.kinds, p.statuses, f)}.` +
    reviewIssues(p.reviews, p.after, p.onOrBefore),
  INTEGRATION_MISSING: (p, f) =>
    `Catat integrasi SPL dengan ${f.or(p.targets.map(target))}, ${evidenceTail(p.kinds, p.statuses, f)}.` +
    integrationIssues(p.integrations),
  REQUIRED_INTEGRATION_MISSING: (p, f) =>
    `Level 5 mensyaratkan integrasi dengan ${target(p.target)} yang terhitung: catat integrasi tersebut ${evidenceTail(p.kinds, p.statuses, f)}.`,
  FOLLOW_UP_MISSING: (p, f) =>
    `Catat tindak lanjut yang telah selesai (done: true) atas ${p.reviews.length ? `reviu SPL dalam jangka waktu ${f.or(p.reviews.map((r) => `${r.id} (${r.date})`))}` : 'reviu SPL dalam jangka waktu'}${unitClause(p.unit)}, bertanggal pada atau setelah tanggal reviu dan paling lambat ${p.asOf}, dengan kedua butir bukti dukung level 5: (1) bukti dukung berjenis ${f.or(p.kinds)} dan (2) bukti dukung berjenis ${f.or(p.improvementKinds)}, masing-masing berstatus ${f.or(p.statuses)}.` +
    followUpIssues(p.followUps, p.asOf),
  USE_NO_L1_EVIDENCE: (p, f) =>
    `Unggah bukti dukung indikator ${p.indicator} berjenis ${f.or(p.kinds)}${unitClause(p.unit)}, berstatus ${f.or(p.statuses)} dan bertanggal paling lambat ${p.asOf}.` +
    notCounting(p.notCounting, p.asOf),
  USE_NO_UNITS_IN_SCOPE: () =>
    'Tidak ada unit kerja dalam lingkup penilaian: catat unit kerja/perangkat daerah instansi (inScope true) agar cakupan dapat dinilai.',
  USE_NO_UNIT_AT_L2: (p, f, units) =>
    `Belum ada unit kerja dalam lingkup yang mencapai level unit 2. Unit kerja mencapainya dengan minimal satu aplikasi melalui SPL dan bukti dukung indikator ${p.indicator} berjenis ${f.or(p.kinds)} yang mencakup unit tersebut; lihat langkah berikutnya per unit. Unit kerja di bawah level 2: ${f.and(units)}.`,
  USE_UNITS_BELOW_L2: (p, f, units) =>
    `Cakupan ${f.percent(p.coverage)} (${p.atL2} dari ${p.inScope} unit kerja pada level unit 2 atau lebih) di bawah target ${f.percent(p.target)}: ${p.needed} unit kerja lagi harus mencapai level unit 2 (aplikasi melalui SPL dan bukti dukung indikator ${p.indicator} berjenis ${f.or(p.kinds)} yang mencakup unit tersebut). Unit kerja di bawah level 2: ${f.and(units)}.`,
  UNIT_NO_APPLICATIONS: (p) =>
    `Unit ${p.unit} belum memiliki aplikasi yang tercatat: catat aplikasinya dan hubungkan minimal satu aplikasi melalui SPL (viaSpl).`,
  UNIT_NO_APP_VIA_SPL: (p, f) =>
    `Belum ada aplikasi unit ${p.unit} yang melalui SPL: hubungkan minimal satu dari ${f.or(p.apps)} melalui SPL.`,
  UNIT_NO_DOC: (p, f) =>
    `Unggah dokumentasi indikator ${p.indicator} berjenis ${f.or(p.kinds)}${unitClause(p.unit)}, berstatus ${f.or(p.statuses)} dan bertanggal paling lambat ${p.asOf}.` +
    notCounting(p.notCounting, p.asOf),
  UNIT_BELOW_TARGET: (p, f) =>
    `${p.via} dari ${p.total} aplikasi unit ${p.unit} melalui SPL (${f.percent(p.via / p.total)}), di bawah target ${f.percent(p.target)}: hubungkan ${p.needed} aplikasi lagi dari ${f.and(p.apps)} melalui SPL.`,
  POLICY_NONE_QUALIFYING: (p, f) =>
    `Catat kebijakan yang mengatur penggunaan SPL (regulatesSplUse: true), bertanggal paling lambat ${p.asOf}, dengan bukti dukung berstatus ${f.or(p.statuses)}: berjenis ${f.or(p.draftKinds)} untuk rancangan, atau ${f.or(p.enactedKinds)} untuk kebijakan yang telah ditetapkan.` +
    policyIssues(p.policies, 'Kebijakan yang tidak memenuhi', p.asOf),
  POLICY_NO_ENACTED: (p, f) =>
    `Tetapkan kebijakan: catat kebijakan berstatus "enacted" yang mengatur penggunaan SPL, bertanggal paling lambat ${p.asOf}, ${evidenceTail(p.kinds, p.statuses, f)}, dan mencakup minimal satu unit kerja dalam lingkup.` +
    (p.drafts.length ? ` Rancangan yang sudah memenuhi: ${f.and(p.drafts)}.` : '') +
    policyIssues(p.policies, 'Kebijakan yang ditetapkan tetapi tidak memenuhi', p.asOf),
  POLICY_NO_UNITS_IN_SCOPE: () =>
    'Tidak ada unit kerja dalam lingkup penilaian sehingga tidak ada yang dapat dicakup kebijakan: catat unit kerja/perangkat daerah instansi (inScope true).',
  POLICY_NO_UNIT_COVERED: (p, f, units) =>
    `Kebijakan yang ditetapkan dan memenuhi (${f.and(p.policies)}) belum mencakup unit kerja dalam lingkup: perluas units kebijakan ke minimal satu dari ${f.or(units)}, atau isi dengan "all".`,
  POLICY_UNITS_NOT_COVERED: (p, f, units) =>
    `Unit kerja dalam lingkup yang belum dicakup kebijakan yang ditetapkan dan memenuhi${p.policies.length ? ` (${f.and(p.policies)})` : ''}: ${f.and(units)}. Perluas units kebijakan ke unit tersebut, atau isi dengan "all".`,
  POLICY_NO_SPLP_CONNECTION: (p, f) =>
    `Belum ada kebijakan yang ditetapkan dan memenuhi yang mengatur keterhubungan dengan SPLP: tetapkan kebijakan dengan regulatesSplpConnection true${p.policies.length ? ` (misalnya dengan mengubah ${f.or(p.policies)})` : ''}.`,
  POLICY_REVIEW_TOO_RECENT: (p) =>
    `Reviu kebijakan paling awal dalam jangka waktu, ${p.review.id} (${p.review.date}), terlalu baru: kebijakan pengganti harus bertanggal pada atau setelah ${p.earliest}${p.gapMonths ? ` (${p.gapMonths} bulan setelah reviu)` : ''}, yaitu setelah ${p.asOf}. Level 5 memerlukan reviu kebijakan bertanggal setelah ${p.after} yang menyisakan waktu untuk kebijakan baru paling lambat ${p.asOf}.`,
  POLICY_NO_REPLACEMENT: (p, f) =>
    `Tetapkan kebijakan baru yang menggantikan kebijakan sebelumnya (replaces berisi id-nya) dan mengatur penggunaan SPL, bertanggal pada atau setelah ${p.earliest} (setelah reviu kebijakan ${p.review.id} tanggal ${p.review.date}${p.gapMonths ? `, paling cepat ${p.gapMonths} bulan setelahnya` : ''}) dan paling lambat ${p.asOf}, ${evidenceTail(p.kinds, p.statuses, f)}.` +
    policyIssues(p.candidates, 'Kebijakan pengganti yang tidak terhitung', p.asOf, p.earliest),
};
