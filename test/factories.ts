import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../src/access/actor';
import { Role } from '../src/access/roles';
import { Agency } from '../src/agencies/agency.entity';
import { Application } from '../src/applications/application.entity';
import { Assessment } from '../src/assessments/assessment.entity';
import { Evidence } from '../src/evidence/evidence.entity';
import { EvidenceFile } from '../src/evidence/evidence-file.entity';
import { EvidenceRepository, LinkOwner } from '../src/evidence/evidence.repository';
import { HubImportService } from '../src/hub/hub-import.service';
import type { HubImportView } from '../src/hub/hub-imports.repository';
import { HubRulesService } from '../src/hub/hub-rules.service';
import { ApiSpec, EventSpec, hubsCsv, ndjson, publisherApiList } from '../src/hub/hub-fixtures.testing';
import { Integration } from '../src/integrations/integration.entity';
import { OnboardingItem } from '../src/onboarding/onboarding-item.entity';
import { FollowUp } from '../src/periodic-reviews/follow-up.entity';
import { Review } from '../src/periodic-reviews/review.entity';
import { Policy } from '../src/policies/policy.entity';
import { SplInstance } from '../src/spl/spl-instance.entity';
import { STORAGE_DRIVER, StorageDriver } from '../src/storage/storage.driver';
import { evidenceKey } from '../src/storage/storage-keys';
import { hashPassword } from '../src/auth/passwords';
import { newSecret, sha256Hex } from '../src/common/token-secrets';
import { AuthToken, TokenKind } from '../src/auth/auth-token.entity';
import { Period } from '../src/periods/period.entity';
import { Unit } from '../src/units/unit.entity';
import { EvaluatorAssignment } from '../src/users/evaluator-assignment.entity';
import { User } from '../src/users/user.entity';

/** Builders of valid records with overrides; each call makes new rows, nothing is shared. */
export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

function short(): string {
  return randomUUID().slice(0, 8);
}

export async function makeAgency(ds: DataSource, overrides: Partial<Agency> = {}): Promise<Agency> {
  const repo = ds.getRepository(Agency);
  return repo.save(
    repo.create({
      code: `agency-${short()}`,
      name: `Pemerintah Kabupaten ${short()}`,
      kind: 'regency',
      ...overrides,
    }),
  );
}

export async function makeUnit(ds: DataSource, agency: Agency, overrides: Partial<Unit> = {}): Promise<Unit> {
  const repo = ds.getRepository(Unit);
  return repo.save(
    repo.create({
      agencyId: agency.id,
      code: `u-${short()}`,
      name: `Dinas ${short()}`,
      kind: 'dinas',
      ...overrides,
    }),
  );
}

export async function makePeriod(ds: DataSource, overrides: Partial<Period> = {}): Promise<Period> {
  const repo = ds.getRepository(Period);
  const year = overrides.year ?? 2026;
  return repo.save(
    repo.create({ year, asOf: `${year}-10-31`, edition: 'B', coverageTarget: '1', ...overrides }),
  );
}

export async function makeUser(
  ds: DataSource,
  role: Role,
  agency: Agency | null,
  overrides: Partial<User> = {},
): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const repo = ds.getRepository(User);
  return repo.save(
    repo.create({
      username: `${role}-${short()}`,
      displayName: `${role} ${short()}`,
      role,
      agencyId: agency?.id ?? null,
      passwordHash: await passwordHash,
      ...overrides,
    }),
  );
}

export async function assignEvaluator(
  ds: DataSource,
  user: User,
  agency: Agency,
  period: Period,
): Promise<void> {
  await ds
    .getRepository(EvaluatorAssignment)
    .insert({ userId: user.id, agencyId: agency.id, periodId: period.id });
}

/** A live session or token for the user without going through the login form (fast). */
export async function issueToken(
  ds: DataSource,
  user: User,
  kind: TokenKind = 'access',
  overrides: Partial<AuthToken> = {},
): Promise<string> {
  const secret = newSecret();
  await ds.getRepository(AuthToken).insert({
    userId: user.id,
    kind,
    tokenHash: sha256Hex(secret),
    lastUsedAt: new Date(),
    expiresAt: new Date(Date.now() + 3_600_000),
    ...overrides,
  });
  return secret;
}

export async function makeApplication(
  ds: DataSource,
  unit: Unit,
  exchange: 'spl' | 'point_to_point' | 'none' = 'spl',
  overrides: Partial<Application> = {},
): Promise<Application> {
  const repo = ds.getRepository(Application);
  return repo.save(
    repo.create({ agencyId: unit.agencyId, unitId: unit.id, name: `App ${short()}`, exchange, ...overrides }),
  );
}

export async function makeEvidence(
  ds: DataSource,
  agency: Agency,
  period: Period,
  overrides: Partial<Evidence> = {},
): Promise<Evidence> {
  const repo = ds.getRepository(Evidence);
  return repo.save(
    repo.create({
      agencyId: agency.id,
      periodId: period.id,
      kind: 'api_list',
      title: `Bukti ${short()}`,
      documentDate: '2026-03-01',
      indicators: [18],
      status: 'submitted',
      ...overrides,
    }),
  );
}

/** What the factories that write through services need: a test module (test/support/test-services.ts). */
export interface Wired {
  ds: DataSource;
  get<T>(token: Type<T> | string | symbol): T;
}

/** The request's view of a user, as the auth service builds it (assignments of evaluators included). */
export async function actorOf(ds: DataSource, user: User, unitIds: string[] | null = null): Promise<Actor> {
  const assignments: { agencyId: string; periodId: string }[] = await ds.query(
    'SELECT agency_id AS "agencyId", period_id AS "periodId" FROM evaluator_assignment WHERE user_id = $1',
    [user.id],
  );
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    agencyId: user.agencyId,
    unitIds,
    assignedAgencyIds: [...new Set(assignments.map((a) => a.agencyId))],
    assignments,
    via: 'access',
    tokenId: randomUUID(),
    mustChangePassword: false,
  };
}

/**
 * A user of a role with the actor services take; an evaluator is assigned to the agency for
 * `options.period`, an operator limited to `options.unitIds` when given.
 */
export async function makeActor(
  ds: DataSource,
  role: Role,
  agency: Agency | null,
  options: { period?: Period; unitIds?: string[] } = {},
): Promise<{ user: User; actor: Actor }> {
  const user = await makeUser(ds, role, role === 'evaluator' ? null : agency);
  if (role === 'evaluator' && agency && options.period)
    await assignEvaluator(ds, user, agency, options.period);
  for (const unitId of options.unitIds ?? [])
    await ds.query('INSERT INTO user_unit (user_id, unit_id) VALUES ($1, $2)', [user.id, unitId]);
  return { user, actor: await actorOf(ds, user, options.unitIds ?? null) };
}

export async function makeIntegration(
  ds: DataSource,
  agency: Agency,
  overrides: Partial<Integration> = {},
): Promise<Integration> {
  const repo = ds.getRepository(Integration);
  return repo.save(
    repo.create({ agencyId: agency.id, withTarget: 'splp', peerName: `SPLP ${short()}`, ...overrides }),
  );
}

export async function makeSplInstance(
  ds: DataSource,
  agency: Agency,
  overrides: Partial<SplInstance> = {},
): Promise<SplInstance> {
  const repo = ds.getRepository(SplInstance);
  return repo.save(
    repo.create({
      agencyId: agency.id,
      name: `SPL ${short()}`,
      product: 'wso2_apim',
      baseUrl: `https://spl-${short()}.go.id`,
      ...overrides,
    }),
  );
}

export async function makePolicy(
  ds: DataSource,
  agency: Agency,
  overrides: Partial<Policy> = {},
): Promise<Policy> {
  const repo = ds.getRepository(Policy);
  return repo.save(
    repo.create({
      agencyId: agency.id,
      title: `Peraturan Bupati tentang SPL ${short()}`,
      number: `${Math.floor(Math.random() * 90) + 10}/2025`,
      legalForm: 'peraturan',
      status: 'enacted',
      date: '2025-06-01',
      ...overrides,
    }),
  );
}

/**
 * Links a policy, review, follow-up or integration to evidence items, as its form does: through
 * EvidenceRepository, the link tables' one writer (the records' relations only read them).
 */
export async function linkEvidence(
  ds: DataSource,
  kind: LinkOwner,
  record: { id: string },
  items: { id: string }[],
): Promise<void> {
  await new EvidenceRepository(ds).replaceEvidenceOf(
    ds.manager,
    kind,
    record.id,
    items.map((e) => e.id),
  );
}

/** A periodic review with its follow-ups (one per finding). */
export async function makeReview(
  ds: DataSource,
  agency: Agency,
  overrides: Partial<Review> = {},
  findings: string[] = ['Dokumentasi API belum lengkap'],
): Promise<{ review: Review; followUps: FollowUp[] }> {
  const repo = ds.getRepository(Review);
  const review = await repo.save(
    repo.create({
      agencyId: agency.id,
      subject: 'spl',
      date: '2026-02-01',
      findings: findings.join('; '),
      ...overrides,
    }),
  );
  const followUps = ds.getRepository(FollowUp);
  const made = [];
  for (const finding of findings)
    made.push(
      await followUps.save(
        followUps.create({
          agencyId: agency.id,
          reviewId: review.id,
          finding,
          status: 'planned',
          date: '2026-03-01',
        }),
      ),
    );
  return { review, followUps: made };
}

export async function makeFollowUp(
  ds: DataSource,
  review: Review,
  overrides: Partial<FollowUp> = {},
): Promise<FollowUp> {
  const repo = ds.getRepository(FollowUp);
  return repo.save(
    repo.create({
      agencyId: review.agencyId,
      reviewId: review.id,
      finding: `Temuan ${short()}`,
      status: 'planned',
      date: '2026-03-01',
      ...overrides,
    }),
  );
}

/** A file of an evidence item: the bytes in storage and its row. */
export interface FileSpec {
  name: string;
  content: string | Buffer;
  mimeType?: string;
}

/**
 * An evidence item with files stored through the app's storage driver, as an upload leaves them
 * (the row does not recompute levels: write through EvidenceService for that).
 */
export async function makeEvidenceWithFiles(
  s: Wired,
  agency: Agency,
  period: Period,
  files: FileSpec[] = [{ name: 'daftar-api.pdf', content: `%PDF-1.4 ${short()}` }],
  overrides: Partial<Evidence> = {},
): Promise<{ evidence: Evidence; files: EvidenceFile[] }> {
  const evidence = await makeEvidence(s.ds, agency, period, overrides);
  const driver = s.get<StorageDriver>(STORAGE_DRIVER);
  const rows = s.ds.getRepository(EvidenceFile);
  const made: EvidenceFile[] = [];
  for (const [i, f] of files.entries()) {
    const bytes = Buffer.from(f.content);
    const key = evidenceKey(agency.id, new Date());
    await driver.put(key, Readable.from([bytes]));
    made.push(
      await rows.save(
        rows.create({
          evidenceId: evidence.id,
          agencyId: agency.id,
          slot: i + 1,
          storageKey: key,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          size: String(bytes.length),
          mimeType: f.mimeType ?? 'application/pdf',
          originalName: f.name,
        }),
      ),
    );
  }
  return { evidence, files: made };
}

/** An agency's claim of a level for an indicator of the period (draft unless said otherwise). */
export async function makeAssessment(
  ds: DataSource,
  agency: Agency,
  period: Period,
  overrides: Partial<Assessment> = {},
): Promise<Assessment> {
  const repo = ds.getRepository(Assessment);
  return repo.save(
    repo.create({
      agencyId: agency.id,
      periodId: period.id,
      indicator: 18,
      claimedLevel: 3,
      justification: 'Semua aplikasi berbagi pakai data melalui SPL.',
      status: 'draft',
      ...overrides,
    }),
  );
}

/** A tracked SPLP step of an application, or (without one) an item of the agency's checklists. */
export async function makeOnboardingItem(
  ds: DataSource,
  agency: Agency,
  application: Application | null,
  overrides: Partial<OnboardingItem> = {},
): Promise<OnboardingItem> {
  const repo = ds.getRepository(OnboardingItem);
  return repo.save(
    repo.create({
      agencyId: agency.id,
      applicationId: application?.id ?? null,
      item: application ? 'app_docs' : 'service_directory',
      status: 'in_progress',
      startedOn: '2026-01-05',
      dueOn: '2026-06-30',
      ...overrides,
    }),
  );
}

/** What a hub import gave: the imports and the hub rows a test links to applications. */
export interface HubData {
  hubId: string;
  imports: HubImportView[];
  apis: { id: string; apiKey: string; sourceId: string | null; name: string }[];
  applications: { id: string; appKey: string; name: string }[];
}

/**
 * Hub files imported through HubImportService, as the web upload sends them: the gateways, a
 * Publisher API list and analytics events (usage). `links` links hub applications (by app id) and
 * APIs (by API id) to the agency's applications through HubRulesService.
 */
export async function importHubData(
  s: Wired,
  actor: Actor,
  agency: Agency,
  data: {
    apis?: ApiSpec[];
    events?: EventSpec[];
    links?: { hubKey: string; kind: 'api' | 'application'; application: Application }[];
  },
): Promise<HubData> {
  const hubId = `spl-${short()}`;
  const tenant = agency.domain ?? `${agency.code}.go.id`;
  const files: [string, string][] = [
    [
      'hubs.csv',
      hubsCsv([[hubId, `SPL ${agency.name}`, 'DAERAH', 'WSO2_APIM_4', `https://${tenant}`, tenant]]),
    ],
  ];
  if (data.apis?.length) files.push(['apis.json', publisherApiList(data.apis)]);
  if (data.events?.length) files.push(['events.ndjson', ndjson(data.events.map((e) => ({ tenant, ...e })))]);
  const service = s.get(HubImportService);
  const dir = mkdtempSync(join(tmpdir(), 'spbe-hub-'));
  const imports: HubImportView[] = [];
  try {
    for (const [name, content] of files) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const outcome = await service.import(actor, agency.id, path, {
        fileName: name,
        skipBad: false,
        channel: 'api',
        hubId: name === 'hubs.csv' ? undefined : hubId,
      });
      if (outcome.status !== 'created') throw new Error(`hub file ${name}: ${JSON.stringify(outcome)}`);
      imports.push(outcome.import);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const apis: HubData['apis'] = await s.ds.query(
    'SELECT id, api_key AS "apiKey", source_id AS "sourceId", name FROM hub_api WHERE agency_id = $1 ORDER BY name',
    [agency.id],
  );
  const applications: HubData['applications'] = await s.ds.query(
    'SELECT id, app_key AS "appKey", name FROM hub_application WHERE agency_id = $1 ORDER BY name',
    [agency.id],
  );
  for (const link of data.links ?? []) {
    // An API by its id in the gateway (the Publisher's) or its key; an application by its key.
    const id =
      link.kind === 'api'
        ? apis.find((a) => a.sourceId === link.hubKey || a.apiKey === link.hubKey)?.id
        : applications.find((a) => a.appKey === link.hubKey)?.id;
    if (!id) throw new Error(`no hub ${link.kind} ${link.hubKey}`);
    await s.get(HubRulesService).link(actor, agency.id, link.kind, id, link.application.id);
  }
  return { hubId, imports, apis, applications };
}
