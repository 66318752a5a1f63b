import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '../src/access/roles';
import { Agency } from '../src/agencies/agency.entity';
import { Application } from '../src/applications/application.entity';
import { Evidence } from '../src/evidence/evidence.entity';
import { hashPassword } from '../src/auth/passwords';
import { newSecret, sha256Hex } from '../src/auth/token-secrets';
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
