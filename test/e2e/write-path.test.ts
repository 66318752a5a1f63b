import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PARAMTYPES_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants';
import { UnitOfWork } from '../../src/workflow-core/unit-of-work';
import { RouteInfo, listRoutes } from '../support/routes';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * One write path (issue 18): every route that changes agency data (agency data pages and API,
 * evidence, decisions, interview rounds, hub imports, rules and evidence, carry-forward, claims,
 * submissions, period settings and stages) writes through the unit of work
 * (src/workflow-core/unit-of-work.ts), which takes the workflow lock, records the change and its
 * audit entry and recomputes the periods the write touched, in one transaction; and nothing else
 * calls the per-change recompute, writes the change log or takes the lock.
 *
 * A new writing route fails here until it is listed in one of the two tables below: a deliberate
 * decision, as in the access matrix. A route listed as going through the unit of work must reach
 * it from its controller through the dependency graph; the source checks make sure that what it
 * reaches cannot write agency data another way (no transaction, change log, recompute or lock
 * outside the unit of work).
 */
type Exempt = 'account' | 'users' | 'mail' | 'framework' | 'report';
const EXEMPT_WHY: Record<Exempt, string> = {
  account: 'sign-in, passwords and tokens: no agency data',
  users: 'user accounts and evaluator assignments (audited by the users service): no agency data',
  mail: 'notifications read and mail preferences or retries: no agency data',
  framework: 'framework packages are national reference data, checked and stored on their own',
  report: 'a report job reads agency data and writes only its job row',
};

const THROUGH_THE_UNIT_OF_WORK = [
  'DELETE /api/v1/agencies/:agencyId/applications/:applicationId',
  'DELETE /api/v1/agencies/:agencyId/hub/rules/:hubRuleId',
  'DELETE /api/v1/agencies/:agencyId/integrations/:integrationId',
  'DELETE /api/v1/agencies/:agencyId/policies/:policyId',
  'DELETE /api/v1/agencies/:agencyId/reviews/:reviewId',
  'DELETE /api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups/:followUpId',
  'DELETE /api/v1/agencies/:agencyId/spl/:splId',
  'DELETE /api/v1/agencies/:agencyId/units/:unitId',
  'PATCH /api/v1/agencies/:agencyId/applications/:applicationId',
  'PATCH /api/v1/agencies/:agencyId/evidence/:evidenceId',
  'PATCH /api/v1/agencies/:agencyId/integrations/:integrationId',
  'PATCH /api/v1/agencies/:agencyId/policies/:policyId',
  'PATCH /api/v1/agencies/:agencyId/reviews/:reviewId',
  'PATCH /api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups/:followUpId',
  'PATCH /api/v1/agencies/:agencyId/spl/:splId',
  'PATCH /api/v1/agencies/:agencyId/units/:unitId',
  'PATCH /api/v1/periods/:year',
  'POST /agencies/:agencyId/applications',
  'POST /agencies/:agencyId/applications/:applicationId',
  'POST /agencies/:agencyId/applications/:applicationId/delete',
  'POST /agencies/:agencyId/evidence',
  'POST /agencies/:agencyId/evidence/:evidenceId/files',
  'POST /agencies/:agencyId/evidence/:evidenceId/links',
  'POST /agencies/:agencyId/evidence/:evidenceId/status',
  'POST /agencies/:agencyId/evidence/carry-forward',
  'POST /agencies/:agencyId/periods/:year/evidence/crosswalk',
  'POST /agencies/:agencyId/hub/assignments',
  'POST /agencies/:agencyId/hub/evidence',
  'POST /agencies/:agencyId/api-catalog/evidence',
  'POST /agencies/:agencyId/hub/imports',
  'POST /agencies/:agencyId/hub/links',
  'POST /agencies/:agencyId/hub/rules',
  'POST /agencies/:agencyId/hub/rules/:hubRuleId/delete',
  'POST /agencies/:agencyId/import/applications',
  'POST /agencies/:agencyId/import/units',
  'POST /agencies/:agencyId/integrations',
  'POST /agencies/:agencyId/integrations/:integrationId/delete',
  'POST /agencies/:agencyId/periods/:year/indicators/:indicator',
  'POST /agencies/:agencyId/periods/:year/pemdi/:code',
  'POST /agencies/:agencyId/periods/:year/pemdi/:code/external',
  'POST /agencies/:agencyId/policies',
  'POST /agencies/:agencyId/policies/:policyId',
  'POST /agencies/:agencyId/policies/:policyId/delete',
  'POST /agencies/:agencyId/policies/:policyId/evidence',
  'POST /agencies/:agencyId/reviews',
  'POST /agencies/:agencyId/reviews/:reviewId',
  'POST /agencies/:agencyId/reviews/:reviewId/follow-ups',
  'POST /agencies/:agencyId/reviews/:reviewId/follow-ups/:followUpId',
  'POST /agencies/:agencyId/roadmap/applications/:applicationId/:step',
  'POST /agencies/:agencyId/roadmap/checklists/:checklist/:item',
  'POST /agencies/:agencyId/roadmap/roles/:role',
  'POST /agencies/:agencyId/roadmap/service-directory',
  'POST /agencies/:agencyId/spl',
  'POST /agencies/:agencyId/spl/:splId',
  'POST /agencies/:agencyId/spl/:splId/delete',
  'POST /agencies/:agencyId/units',
  'POST /agencies/:agencyId/units/:unitId',
  'POST /agencies/:agencyId/units/:unitId/delete',
  'POST /agencies/:agencyId/workflow/evidence/:evidenceId/comments',
  'POST /agencies/:agencyId/workflow/evidence/:evidenceId/return',
  'POST /agencies/:agencyId/workflow/indicators/:indicator/comments',
  'POST /agencies/:agencyId/workflow/rounds/:roundId/answer',
  'POST /agencies/:agencyId/workflow/submit',
  'POST /api/v1/agencies/:agencyId/applications',
  'POST /api/v1/agencies/:agencyId/checklists/requirements/service_directory/generate',
  'POST /api/v1/agencies/:agencyId/evidence',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/comments',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/decision',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/files',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/reopen',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/return',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/status',
  'POST /api/v1/agencies/:agencyId/hub-imports',
  'POST /api/v1/agencies/:agencyId/hub/assignments',
  'POST /api/v1/agencies/:agencyId/hub/evidence',
  'POST /api/v1/agencies/:agencyId/api-catalog/evidence',
  'POST /api/v1/agencies/:agencyId/hub/links',
  'POST /api/v1/agencies/:agencyId/hub/rules',
  'POST /api/v1/agencies/:agencyId/imports/applications',
  'POST /api/v1/agencies/:agencyId/imports/units',
  'POST /api/v1/agencies/:agencyId/integrations',
  'POST /api/v1/agencies/:agencyId/interview/rounds/:roundId/answer',
  'POST /api/v1/agencies/:agencyId/periods/:year/evidence/carry-forward',
  'POST /api/v1/agencies/:agencyId/periods/:year/evidence/crosswalk',
  'POST /api/v1/agencies/:agencyId/periods/:year/indicators/:indicator/comments',
  'POST /api/v1/agencies/:agencyId/periods/:year/submission',
  'POST /api/v1/agencies/:agencyId/policies',
  'POST /api/v1/agencies/:agencyId/reviews',
  'POST /api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups',
  'POST /api/v1/agencies/:agencyId/spl',
  'POST /api/v1/agencies/:agencyId/units',
  'POST /api/v1/periods',
  'POST /api/v1/periods/:year/freeze',
  'POST /periods/:year/dates',
  'POST /periods/:year/framework',
  'POST /periods/:year/freeze',
  'POST /periods/:year/review-window',
  'POST /periods/:year/stage',
  'POST /review/agencies/:agencyId',
  'POST /review/agencies/:agencyId/evidence/:evidenceId/decision',
  'POST /review/agencies/:agencyId/evidence/:evidenceId/reopen',
  'POST /review/agencies/:agencyId/indicators/:indicator/validation',
  'PUT /api/v1/agencies/:agencyId/checklists/:checklist/:item',
  'PUT /api/v1/agencies/:agencyId/onboarding/:applicationId/:step',
  'PUT /api/v1/agencies/:agencyId/onboarding/roles/:role',
  'PUT /api/v1/agencies/:agencyId/periods/:year/external-values/:indicator',
  'PUT /api/v1/agencies/:agencyId/periods/:year/assessments/:indicator',
  'PUT /api/v1/agencies/:agencyId/periods/:year/assessments/:indicator/validation',
  'PUT /api/v1/periods/:year/stage',
];

const CHANGES_NO_AGENCY_DATA: Record<string, Exempt> = {
  'DELETE /api/v1/auth/tokens/:tokenId': 'account',
  'PATCH /api/v1/users/:userId': 'users',
  'POST /account/notifications': 'account',
  'POST /account/password': 'account',
  'POST /account/tokens': 'account',
  'POST /account/tokens/:tokenId/revoke': 'account',
  'POST /admin/mail/:mailId/retry': 'mail',
  'POST /api/v1/auth/login': 'account',
  'POST /api/v1/auth/logout': 'account',
  'POST /api/v1/auth/tokens': 'account',
  'POST /api/v1/frameworks': 'framework',
  'POST /api/v1/mail/unsubscribe': 'mail',
  'POST /api/v1/notifications/:notificationId/read': 'mail',
  'POST /api/v1/notifications/read-all': 'mail',
  'POST /api/v1/users': 'users',
  'POST /api/v1/users/:userId/password-reset': 'users',
  'POST /frameworks': 'framework',
  'POST /inbox/:notificationId/read': 'mail',
  'POST /inbox/read-all': 'mail',
  'POST /login': 'account',
  'POST /logout': 'account',
  'POST /mail/unsubscribe': 'mail',
  'POST /reports/rollup': 'report',
  'POST /users': 'users',
  'POST /users/:userId': 'users',
  'POST /users/:userId/assignments': 'users',
  'POST /users/:userId/password-reset': 'users',
  'PUT /api/v1/auth/password': 'account',
};

const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Files of src/ (relative) whose text matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
  return sourceFiles(SRC)
    .filter((path) => pattern.test(readFileSync(path, 'utf8')))
    .map((path) => relative(SRC, path))
    .sort();
}

/** What a class asks to be injected with: its constructor's parameter types, or the tokens named. */
function dependenciesOf(type: Type): unknown[] {
  const deps: unknown[] = [...((Reflect.getMetadata(PARAMTYPES_METADATA, type) as unknown[]) ?? [])];
  const declared = (Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, type) ?? []) as {
    index: number;
    param: unknown;
  }[];
  for (const { index, param } of declared) deps[index] = param;
  return deps;
}

/** Whether `target` is among what `from` is injected with, directly or through its dependencies. */
function reaches(from: Type, target: Type, seen = new Set<unknown>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return dependenciesOf(from).some((dep) => typeof dep === 'function' && reaches(dep as Type, target, seen));
}

describe('one write path: every writing route goes through the unit of work', () => {
  let t: TestApp;
  let writing: RouteInfo[];
  let controllers: Map<string, Type>;

  beforeAll(async () => {
    t = await createTestApp();
    writing = listRoutes(t.app).filter((r) => r.method !== 'GET' && !r.path.startsWith('/api/docs'));
    controllers = new Map();
    for (const module of t.app.get(ModulesContainer).values())
      for (const wrapper of module.controllers.values())
        if (wrapper.metatype) controllers.set(wrapper.metatype.name, wrapper.metatype as Type);
  });
  afterAll(() => t.close());

  it('knows of every writing route whether it changes agency data', () => {
    const key = (r: RouteInfo) => `${r.method} ${r.path}`;
    const listed = new Set([...THROUGH_THE_UNIT_OF_WORK, ...Object.keys(CHANGES_NO_AGENCY_DATA)]);
    expect(writing.map(key).filter((k) => !listed.has(k))).toEqual([]);
    const registered = new Set(writing.map(key));
    expect([...listed].filter((k) => !registered.has(k))).toEqual([]);
    expect(THROUGH_THE_UNIT_OF_WORK.filter((k) => k in CHANGES_NO_AGENCY_DATA)).toEqual([]);
    for (const why of Object.values(CHANGES_NO_AGENCY_DATA)) expect(EXEMPT_WHY[why]).toBeDefined();
  });

  it('reaches the unit of work from the controller of every route that changes agency data', () => {
    const through = new Set(THROUGH_THE_UNIT_OF_WORK);
    const missing = writing
      .filter((r) => through.has(`${r.method} ${r.path}`))
      .filter((r) => !reaches(controllers.get(r.controller)!, UnitOfWork))
      .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(missing).toEqual([]);
  });

  it('leaves the change log, the per-change recompute and the workflow lock to the unit of work', () => {
    expect(filesMatching(/ChangeLogService\b/)).toEqual([
      'changes/change-log.service.ts',
      'changes/changes.module.ts',
      'workflow-core/unit-of-work.ts',
    ]);
    expect(filesMatching(/AgencyRecompute\b/)).toEqual([
      'levels/agency-recompute.ts',
      'levels/levels-reader.ts',
      'levels/levels.module.ts',
      'workflow-core/unit-of-work.ts',
    ]);
    // The national recompute: period settings and stages (through the unit of work), the boot
    // and command-line recomputes after an engine or framework change, and the demo seed.
    expect(filesMatching(/NationalRecompute\b/)).toEqual([
      'demo/demo.seed.ts',
      'levels/levels.command.ts',
      'levels/levels.module.ts',
      'levels/national-recompute.ts',
      'levels/stale-levels.ts',
      'workflow-core/unit-of-work.ts',
    ]);
    // (The unit of work's own `w.allow`, `w.judge`, `w.lockEvidence` are the way through it.)
    expect(filesMatching(/(?<!\bw)\.(assertAllowed|assertAgencyEditable|lockEvidence|judge)\(/)).toEqual([
      'workflow-core/unit-of-work.ts',
      'workflow-core/workflow-lock.ts',
      // Locks the item's row (FOR UPDATE) inside a unit of work, before the lock's check.
      'workflow/interview/interview.service.ts',
      'workflow/review/review-decisions.service.ts',
    ]);
  });

  it('opens transactions only where no agency data is written, besides the unit of work', () => {
    expect(filesMatching(/\.transaction(<[^>]*>)?\(/)).toEqual([
      'audit/audit-anchor.repository.ts',
      'audit/audit.service.ts',
      'auth/users.command.ts',
      'auth/users.service.ts',
      'demo/demo.seed.ts',
      'framework-packages/framework-package.repository.ts',
      'framework-packages/framework-packages.service.ts',
      // Certificate expiry notices of the SPL monitor: no agency data.
      'hub/hub-health.scheduler.ts',
      // Rejected and unreadable files kept as provenance: one row, no agency data.
      'hub/hub-import.service.ts',
      'hub/hub-imports.repository.ts',
      // A snapshot computed on its first read (national-recompute: one batch outside a caller's).
      'levels/agency-recompute.ts',
      'levels/national-recompute.ts',
      'onboarding/onboarding-overdue.ts',
      'onboarding/onboarding.repository.ts',
      'users/user.repository.ts',
      'workflow-core/unit-of-work.ts',
      'workflow/notifications/notification-preferences.service.ts',
      'workflow/notifications/notification-scheduler.ts',
    ]);
  });
});
