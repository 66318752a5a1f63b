import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { EvidenceFile } from '../evidence/evidence-file.entity';
import { evidenceKey } from '../storage/storage-keys';
import { StorageDriver } from '../storage/storage.driver';
import { demoPdf } from './demo-pdf';
import { Application } from '../applications/application.entity';
import { Assessment } from '../assessments/assessment.entity';
import { Evidence, EvidenceKind, EvidenceStatus } from '../evidence/evidence.entity';
import { EvidenceRepository, LinkOwner } from '../evidence/evidence.repository';
import { Integration } from '../integrations/integration.entity';
import { Period } from '../periods/period.entity';
import { Policy } from '../policies/policy.entity';
import { FollowUp } from '../periodic-reviews/follow-up.entity';
import { Review } from '../periodic-reviews/review.entity';
import { SplInstance } from '../spl/spl-instance.entity';
import { Unit } from '../units/unit.entity';
import { DemoUnit } from './demo-agency.data';

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const EXCHANGE = { spl: 'spl', p2p: 'point_to_point', none: 'none' } as const;

/** Units and their applications; returns the units by code. */
export async function seedUnits(
  m: EntityManager,
  agencyId: string,
  units: DemoUnit[],
): Promise<Map<string, Unit>> {
  const byCode = new Map<string, Unit>();
  for (const u of units) {
    const unit = await m.getRepository(Unit).save(
      m.getRepository(Unit).create({
        agencyId,
        code: u.code,
        name: u.name,
        kind: u.kind,
        inScope: !u.outOfScope,
        outOfScopeReason: u.outOfScope ?? null,
      }),
    );
    byCode.set(u.code, unit);
    for (const [name, how] of u.apps) {
      await m.getRepository(Application).insert({ agencyId, unitId: unit.id, name, exchange: EXCHANGE[how] });
    }
  }
  return byCode;
}

interface EvidenceSpec {
  kind: EvidenceKind;
  title: string;
  indicator: 7 | 18;
  status: EvidenceStatus;
  daysAgo: number;
  units?: Unit[] | 'all';
  number?: string;
  /** A link item: its URL (captured on the document date); it gets no generated file. */
  url?: string;
}

/** Stores a generated PDF for the item, as an upload would (hash, size, key built in one place). */
async function attachPdf(m: EntityManager, driver: StorageDriver, item: Evidence): Promise<void> {
  const pdf = demoPdf(item.title, [
    item.documentNumber ?? '',
    `Tanggal: ${item.documentDate}`,
    'Dokumen demo Pelacak SPBE',
  ]);
  const key = evidenceKey(item.agencyId, new Date());
  await driver.put(key, Readable.from([pdf]));
  await m.getRepository(EvidenceFile).insert({
    evidenceId: item.id,
    agencyId: item.agencyId,
    storageKey: key,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    size: String(pdf.length),
    mimeType: 'application/pdf',
    originalName: `${item.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60)}.pdf`,
  });
}

async function evidence(
  m: EntityManager,
  agencyId: string,
  period: Period,
  spec: EvidenceSpec,
  driver?: StorageDriver,
): Promise<Evidence> {
  const repo = m.getRepository(Evidence);
  const saved = await repo.save(
    repo.create({
      agencyId,
      periodId: period.id,
      kind: spec.kind,
      title: spec.title,
      documentNumber: spec.number ?? null,
      documentDate: daysBefore(period.asOf, spec.daysAgo),
      indicators: [spec.indicator],
      allUnits: spec.units === 'all',
      units: Array.isArray(spec.units) ? spec.units : [],
      status: spec.status,
      url: spec.url ?? null,
      capturedAt: spec.url ? daysBefore(period.asOf, spec.daysAgo) : null,
    }),
  );
  if (driver && !spec.url) await attachPdf(m, driver, saved);
  return saved;
}

/** Links a record to its evidence through the link tables' one writer. */
function linker(m: EntityManager, links: EvidenceRepository) {
  return (kind: LinkOwner, record: { id: string }, items: Evidence[]) =>
    links.replaceEvidenceOf(
      m,
      kind,
      record.id,
      items.map((e) => e.id),
    );
}

/** The main demo regency: an SPL, a policy reviewed this year, evidence, reviews and claims. */
export async function seedMainAgency(
  m: EntityManager,
  agencyId: string,
  period: Period,
  units: DemoUnit[],
  links: EvidenceRepository,
  driver?: StorageDriver,
) {
  const link = linker(m, links);
  const byCode = await seedUnits(m, agencyId, units);
  const documented = units.filter(
    (u) => u.documented && !u.outOfScope && u.apps.some(([, h]) => h === 'spl'),
  );
  const listed = documented.slice(0, documented.length - 4).map((u) => byCode.get(u.code)!);
  const pending = documented.slice(-4).map((u) => byCode.get(u.code)!);
  await m.getRepository(SplInstance).insert({
    agencyId,
    name: 'SPL Nusa Makmur (WSO2 API Manager)',
    product: 'wso2_apim',
    baseUrl: 'https://api.nusamakmurkab.go.id',
    connectedToSplp: true,
  });
  const ev = (spec: EvidenceSpec) => evidence(m, agencyId, period, spec, driver);
  await ev({
    kind: 'api_list',
    title: 'Daftar API yang melalui SPL',
    indicator: 18,
    status: 'accepted',
    daysAgo: 40,
    units: listed,
  });
  await ev({
    kind: 'operating_documentation',
    title: 'Tangkapan layar integrasi unit baru',
    indicator: 18,
    status: 'submitted',
    daysAgo: 20,
    units: pending,
  });
  await ev({
    kind: 'meeting_minutes',
    title: 'Notulensi rapat penerapan SPL',
    indicator: 18,
    status: 'accepted',
    daysAgo: 200,
  });
  await ev({
    kind: 'architecture_diagram',
    title: 'Diagram arsitektur SPL',
    indicator: 18,
    status: 'draft',
    daysAgo: 10,
    units: 'all',
  });
  const enacted = await ev({
    kind: 'policy_enacted',
    title: 'Peraturan Bupati tentang Sistem Penghubung Layanan',
    indicator: 7,
    status: 'accepted',
    daysAgo: 600,
    number: 'Perbup No. 12 Tahun 2024',
  });
  const policyReview = await ev({
    kind: 'review_report',
    title: 'Laporan reviu Perbup SPL',
    indicator: 7,
    status: 'submitted',
    daysAgo: 90,
  });
  const onboarding = await ev({
    kind: 'splp_onboarding',
    title: 'Surat penunjukan PIC dan whitelist IP SPLP',
    indicator: 18,
    status: 'accepted',
    daysAgo: 150,
  });
  // Contract 2: an integration counts with its operating documentation or SOP, and a follow-up
  // with both numbered items of level 5 (evaluation results or meeting, and before/after).
  const integrationSop = await ev({
    kind: 'sop',
    title: 'SOP integrasi data dengan SPL Pemerintah Provinsi',
    indicator: 18,
    status: 'accepted',
    daysAgo: 120,
  });
  const improvementMeeting = await ev({
    kind: 'meeting_invitation',
    title: 'Undangan rapat pembahasan penyempurnaan SPL',
    indicator: 18,
    status: 'accepted',
    daysAgo: 35,
  });
  const beforeAfter = await ev({
    kind: 'before_after',
    title: 'Katalog API sebelum dan sesudah penyempurnaan',
    indicator: 18,
    status: 'submitted',
    daysAgo: 30,
    // A link, as the criteria's "tautan" allows: the server never fetches it.
    url: 'https://api.nusamakmurkab.go.id/devportal/apis?versi=2026',
  });
  const splReview = await ev({
    kind: 'review_report',
    title: 'Laporan reviu dan evaluasi SPL',
    indicator: 18,
    status: 'accepted',
    daysAgo: 60,
  });
  const policy = await m.getRepository(Policy).save(
    m.getRepository(Policy).create({
      agencyId,
      title: 'Peraturan Bupati tentang Penyelenggaraan Sistem Penghubung Layanan',
      number: 'Perbup No. 12 Tahun 2024',
      legalForm: 'peraturan',
      status: 'enacted',
      date: daysBefore(period.asOf, 600),
      allUnits: true,
      regulatesSplUse: true,
      regulatesSplpConnection: true,
    }),
  );
  await link('policy', policy, [enacted]);
  const policyReviewed = await m.getRepository(Review).save(
    m.getRepository(Review).create({
      agencyId,
      subject: 'policy',
      date: daysBefore(period.asOf, 90),
      allUnits: true,
      findings: 'Perbup belum mengatur standar metadata API.',
    }),
  );
  await link('review', policyReviewed, [policyReview]);
  const review = await m.getRepository(Review).save(
    m.getRepository(Review).create({
      agencyId,
      subject: 'spl',
      date: daysBefore(period.asOf, 60),
      allUnits: true,
      findings: 'Empat OPD masih host-to-host; dokumentasi API belum lengkap.',
    }),
  );
  await link('review', review, [splReview]);
  await m.getRepository(FollowUp).insert({
    agencyId,
    reviewId: review.id,
    finding: 'Migrasi integrasi host-to-host ke SPL',
    status: 'in_progress',
  });
  const done = await m.getRepository(FollowUp).save(
    m.getRepository(FollowUp).create({
      agencyId,
      reviewId: review.id,
      finding: 'Dokumentasi API dilengkapi dan katalog API diterbitkan',
      status: 'done',
      date: daysBefore(period.asOf, 30),
    }),
  );
  await link('follow_up', done, [improvementMeeting, beforeAfter]);
  const provincial = await m.getRepository(Integration).save(
    m.getRepository(Integration).create({
      agencyId,
      withTarget: 'other_spl',
      peerName: 'SPL Pemerintah Provinsi',
    }),
  );
  await link('integration', provincial, [integrationSop]);
  const national = await m.getRepository(Integration).save(
    m.getRepository(Integration).create({
      agencyId,
      withTarget: 'splp',
      peerName: 'SPLP Nasional (Komdigi)',
    }),
  );
  await link('integration', national, [onboarding]);
  await m.getRepository(Assessment).insert([
    {
      agencyId,
      periodId: period.id,
      indicator: 7,
      claimedLevel: 4,
      justification:
        'Perbup SPL berlaku untuk seluruh perangkat daerah, mengatur keterhubungan ke SPLP, dan telah direviu tahun ini.',
    },
    {
      agencyId,
      periodId: period.id,
      indicator: 18,
      claimedLevel: 3,
      justification: 'SPL telah diterapkan di seluruh perangkat daerah.',
    },
  ]);
}

/** The second, smaller agency: some use of the SPL, a draft policy. */
export async function seedSecondAgency(
  m: EntityManager,
  agencyId: string,
  period: Period,
  units: DemoUnit[],
  links: EvidenceRepository,
) {
  const link = linker(m, links);
  const byCode = await seedUnits(m, agencyId, units);
  const covered = units.filter((u) => u.documented).map((u) => byCode.get(u.code)!);
  await evidence(m, agencyId, period, {
    kind: 'api_list',
    title: 'Daftar API SPL',
    indicator: 18,
    status: 'submitted',
    daysAgo: 30,
    units: covered,
  });
  const draft = await evidence(m, agencyId, period, {
    kind: 'policy_draft',
    title: 'Rancangan Perwali SPL',
    indicator: 7,
    status: 'submitted',
    daysAgo: 45,
  });
  const policy = await m.getRepository(Policy).save(
    m.getRepository(Policy).create({
      agencyId,
      title: 'Rancangan Peraturan Wali Kota tentang SPL',
      status: 'draft',
      date: daysBefore(period.asOf, 45),
      allUnits: true,
      regulatesSplUse: true,
    }),
  );
  await link('policy', policy, [draft]);
}
