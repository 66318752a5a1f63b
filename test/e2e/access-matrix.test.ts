import { DataSource } from 'typeorm';
import { Role } from '../../src/access/roles';
import { Agency } from '../../src/agencies/agency.entity';
import { User } from '../../src/users/user.entity';
import { Period } from '../../src/periods/period.entity';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { browserSession, http } from '../support/http';
import { RouteInfo, listRoutes } from '../support/routes';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * Written independently of src/access/roles.ts on purpose: a change of who may do what must
 * show up here as a failing expectation, not pass silently through a shared table.
 */
const ALLOWED: Record<string, Role[]> = {
  'account.self': ['admin', 'coordinator', 'operator', 'internal_assessor', 'evaluator', 'leader'],
  'agency.read': ['admin', 'coordinator', 'operator', 'internal_assessor', 'evaluator', 'leader'],
  'agency.write': ['admin', 'coordinator', 'operator'],
  'agency.manage': ['admin'],
  'period.manage': ['admin'],
  'user.read': ['admin', 'coordinator'],
  'user.manage': ['admin', 'coordinator'],
  'user.reset_password': ['admin'],
  'evidence.upload': ['admin', 'coordinator', 'operator'],
  'evidence.review_internal': ['admin', 'internal_assessor'],
  'evidence.review': ['admin', 'evaluator'],
  'assessment.claim': ['admin', 'coordinator'],
  'assessment.submit': ['admin', 'coordinator'],
  'assessment.validate': ['admin', 'evaluator'],
  'report.read': ['admin', 'coordinator', 'internal_assessor', 'evaluator', 'leader'],
  'audit.read': ['admin'],
};
/**
 * What each route must require. A new route fails the test until it is listed here, so adding
 * one is a deliberate decision about who may call it.
 */
const EXPECTED_ACCESS: Record<string, string> = {
  'GET /': 'public',
  'GET /health': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'signed-in',
  'GET /account': 'signed-in',
  'POST /account/password': 'signed-in',
  'POST /account/tokens': 'account.self',
  'POST /account/tokens/:tokenId/revoke': 'account.self',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'signed-in',
  'GET /api/v1/auth/me': 'signed-in',
  'PUT /api/v1/auth/password': 'signed-in',
  'GET /api/v1/auth/tokens': 'account.self',
  'POST /api/v1/auth/tokens': 'account.self',
  'DELETE /api/v1/auth/tokens/:tokenId': 'account.self',
  'GET /api/v1/users': 'user.read',
  'POST /api/v1/users': 'user.manage',
  'GET /api/v1/users/:userId': 'user.read',
  'PATCH /api/v1/users/:userId': 'user.manage',
  'POST /api/v1/users/:userId/password-reset': 'user.reset_password',
  'GET /users': 'user.read',
  'POST /users': 'user.manage',
  'GET /users/:userId': 'user.read',
  'POST /users/:userId': 'user.manage',
  'POST /users/:userId/password-reset': 'user.reset_password',
  'POST /users/:userId/assignments': 'user.manage',
  // agency data: units, applications, SPL, policies, integrations, reviews, periods, imports
  'GET /api/v1/agencies/:agencyId/units': 'agency.read',
  'POST /api/v1/agencies/:agencyId/units': 'agency.write',
  'GET /api/v1/agencies/:agencyId/units/:unitId': 'agency.read',
  'PATCH /api/v1/agencies/:agencyId/units/:unitId': 'agency.write',
  'DELETE /api/v1/agencies/:agencyId/units/:unitId': 'agency.write',
  'GET /api/v1/agencies/:agencyId/applications': 'agency.read',
  'POST /api/v1/agencies/:agencyId/applications': 'agency.write',
  'GET /api/v1/agencies/:agencyId/applications/:applicationId': 'agency.read',
  'PATCH /api/v1/agencies/:agencyId/applications/:applicationId': 'agency.write',
  'DELETE /api/v1/agencies/:agencyId/applications/:applicationId': 'agency.write',
  'GET /api/v1/agencies/:agencyId/spl': 'agency.read',
  'POST /api/v1/agencies/:agencyId/spl': 'agency.write',
  'GET /api/v1/agencies/:agencyId/spl/:splId': 'agency.read',
  'PATCH /api/v1/agencies/:agencyId/spl/:splId': 'agency.write',
  'DELETE /api/v1/agencies/:agencyId/spl/:splId': 'agency.write',
  'GET /api/v1/agencies/:agencyId/policies': 'agency.read',
  'POST /api/v1/agencies/:agencyId/policies': 'agency.write',
  'GET /api/v1/agencies/:agencyId/policies/:policyId': 'agency.read',
  'PATCH /api/v1/agencies/:agencyId/policies/:policyId': 'agency.write',
  'DELETE /api/v1/agencies/:agencyId/policies/:policyId': 'agency.write',
  'GET /api/v1/agencies/:agencyId/integrations': 'agency.read',
  'POST /api/v1/agencies/:agencyId/integrations': 'agency.write',
  'GET /api/v1/agencies/:agencyId/integrations/:integrationId': 'agency.read',
  'PATCH /api/v1/agencies/:agencyId/integrations/:integrationId': 'agency.write',
  'DELETE /api/v1/agencies/:agencyId/integrations/:integrationId': 'agency.write',
  'GET /api/v1/agencies/:agencyId/reviews': 'agency.read',
  'POST /api/v1/agencies/:agencyId/reviews': 'agency.write',
  'GET /api/v1/agencies/:agencyId/reviews/:reviewId': 'agency.read',
  'PATCH /api/v1/agencies/:agencyId/reviews/:reviewId': 'agency.write',
  'DELETE /api/v1/agencies/:agencyId/reviews/:reviewId': 'agency.write',
  'GET /api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups': 'agency.read',
  'POST /api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups': 'agency.write',
  'GET /api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups/:followUpId': 'agency.read',
  'PATCH /api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups/:followUpId': 'agency.write',
  'DELETE /api/v1/agencies/:agencyId/reviews/:reviewId/follow-ups/:followUpId': 'agency.write',
  'GET /api/v1/agencies/:agencyId/history/:entityType/:entityId': 'agency.read',
  'GET /api/v1/periods': 'agency.read',
  'POST /api/v1/periods': 'period.manage',
  'GET /api/v1/periods/:year': 'agency.read',
  'GET /api/v1/agencies': 'agency.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/levels': 'agency.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/facts': 'agency.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/assessments': 'agency.read',
  'PUT /api/v1/agencies/:agencyId/periods/:year/assessments/:indicator': 'assessment.claim',
  'GET /agencies': 'agency.read',
  'GET /agencies/:agencyId': 'agency.read',
  'GET /agencies/:agencyId/periods/:year/indicators/:indicator': 'agency.read',
  'POST /agencies/:agencyId/periods/:year/indicators/:indicator': 'assessment.claim',
  'PATCH /api/v1/periods/:year': 'period.manage',
  'POST /api/v1/agencies/:agencyId/imports/units': 'agency.write',
  'POST /api/v1/agencies/:agencyId/imports/applications': 'agency.write',
  'GET /api/v1/imports/templates/units.csv': 'agency.read',
  'GET /api/v1/imports/templates/applications.csv': 'agency.read',
  'GET /agencies/:agencyId/units': 'agency.read',
  'POST /agencies/:agencyId/units': 'agency.write',
  'GET /agencies/:agencyId/units/:unitId': 'agency.read',
  'POST /agencies/:agencyId/units/:unitId': 'agency.write',
  'POST /agencies/:agencyId/units/:unitId/delete': 'agency.write',
  'GET /agencies/:agencyId/applications': 'agency.read',
  'POST /agencies/:agencyId/applications': 'agency.write',
  'POST /agencies/:agencyId/applications/:applicationId': 'agency.write',
  'POST /agencies/:agencyId/applications/:applicationId/delete': 'agency.write',
  'GET /agencies/:agencyId/spl': 'agency.read',
  'POST /agencies/:agencyId/spl': 'agency.write',
  'POST /agencies/:agencyId/spl/:splId': 'agency.write',
  'POST /agencies/:agencyId/spl/:splId/delete': 'agency.write',
  'GET /agencies/:agencyId/policies': 'agency.read',
  'POST /agencies/:agencyId/policies': 'agency.write',
  'GET /agencies/:agencyId/policies/:policyId': 'agency.read',
  'POST /agencies/:agencyId/policies/:policyId': 'agency.write',
  'POST /agencies/:agencyId/policies/:policyId/evidence': 'agency.write',
  'POST /agencies/:agencyId/policies/:policyId/delete': 'agency.write',
  'GET /agencies/:agencyId/reviews': 'agency.read',
  'POST /agencies/:agencyId/reviews': 'agency.write',
  'GET /agencies/:agencyId/reviews/:reviewId': 'agency.read',
  'POST /agencies/:agencyId/reviews/:reviewId': 'agency.write',
  'POST /agencies/:agencyId/reviews/:reviewId/follow-ups': 'agency.write',
  'POST /agencies/:agencyId/reviews/:reviewId/follow-ups/:followUpId': 'agency.write',
  'GET /agencies/:agencyId/integrations': 'agency.read',
  'POST /agencies/:agencyId/integrations': 'agency.write',
  'POST /agencies/:agencyId/integrations/:integrationId/delete': 'agency.write',
  'GET /agencies/:agencyId/import': 'agency.write',
  'POST /agencies/:agencyId/import/units': 'agency.write',
  'POST /agencies/:agencyId/import/applications': 'agency.write',
  'GET /api/v1/agencies/:agencyId/evidence': 'agency.read',
  'POST /api/v1/agencies/:agencyId/evidence': 'evidence.upload',
  'GET /api/v1/agencies/:agencyId/evidence/:evidenceId': 'agency.read',
  'PATCH /api/v1/agencies/:agencyId/evidence/:evidenceId': 'evidence.upload',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/files': 'evidence.upload',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/status': 'evidence.upload',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/decision': 'evidence.review',
  'GET /api/v1/agencies/:agencyId/evidence/:evidenceId/files/:fileId': 'agency.read',
  'POST /api/v1/agencies/:agencyId/periods/:year/evidence/carry-forward': 'evidence.upload',
  'GET /agencies/:agencyId/evidence': 'agency.read',
  'POST /agencies/:agencyId/evidence': 'evidence.upload',
  'GET /agencies/:agencyId/evidence/:evidenceId': 'agency.read',
  'POST /agencies/:agencyId/evidence/:evidenceId/status': 'evidence.upload',
  'POST /agencies/:agencyId/evidence/:evidenceId/links': 'evidence.upload',
  'POST /agencies/:agencyId/evidence/:evidenceId/files': 'evidence.upload',
  'POST /agencies/:agencyId/evidence/carry-forward': 'evidence.upload',
  // evaluation workflow: stages, submission, review, validation, interview, freeze, inbox, comments
  'PUT /api/v1/periods/:year/stage': 'period.manage',
  'GET /api/v1/workflow/stage-rules': 'agency.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/submission': 'agency.read',
  'POST /api/v1/agencies/:agencyId/periods/:year/submission': 'assessment.submit',
  'GET /api/v1/review': 'evidence.review',
  'GET /api/v1/agencies/:agencyId/periods/:year/review': 'evidence.review',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/return': 'evidence.review_internal',
  'PUT /api/v1/agencies/:agencyId/periods/:year/assessments/:indicator/validation': 'assessment.validate',
  'GET /api/v1/agencies/:agencyId/periods/:year/differences': 'agency.read',
  'GET /api/v1/periods/:year/differences': 'agency.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/interview/rounds': 'agency.read',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/reopen': 'evidence.review',
  'POST /api/v1/agencies/:agencyId/interview/rounds/:roundId/answer': 'evidence.upload',
  'POST /api/v1/periods/:year/freeze': 'period.manage',
  'GET /api/v1/agencies/:agencyId/periods/:year/frozen': 'agency.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/indicators/:indicator/comments': 'agency.read',
  'POST /api/v1/agencies/:agencyId/periods/:year/indicators/:indicator/comments': 'agency.read',
  'GET /api/v1/agencies/:agencyId/evidence/:evidenceId/comments': 'agency.read',
  'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/comments': 'agency.read',
  'GET /api/v1/notifications': 'signed-in',
  'GET /api/v1/notifications/unread-count': 'signed-in',
  'POST /api/v1/notifications/read-all': 'signed-in',
  'POST /api/v1/notifications/:notificationId/read': 'signed-in',
  'GET /periods': 'agency.read',
  'GET /periods/:year/stage': 'period.manage',
  'POST /periods/:year/stage': 'period.manage',
  'POST /periods/:year/dates': 'period.manage',
  'POST /periods/:year/review-window': 'period.manage',
  'POST /periods/:year/framework': 'period.manage',
  'GET /periods/:year/freeze': 'period.manage',
  'POST /periods/:year/freeze': 'period.manage',
  'GET /agencies/:agencyId/workflow': 'agency.read',
  'POST /agencies/:agencyId/workflow/submit': 'assessment.submit',
  'POST /agencies/:agencyId/workflow/evidence/:evidenceId/return': 'evidence.review_internal',
  'POST /agencies/:agencyId/workflow/rounds/:roundId/answer': 'evidence.upload',
  'GET /agencies/:agencyId/workflow/indicators/:indicator/comments': 'agency.read',
  'POST /agencies/:agencyId/workflow/indicators/:indicator/comments': 'agency.read',
  'GET /agencies/:agencyId/workflow/evidence/:evidenceId/comments': 'agency.read',
  'POST /agencies/:agencyId/workflow/evidence/:evidenceId/comments': 'agency.read',
  'GET /review': 'evidence.review',
  'GET /review/agencies/:agencyId': 'evidence.review',
  'POST /review/agencies/:agencyId': 'assessment.validate',
  'POST /review/agencies/:agencyId/evidence/:evidenceId/decision': 'evidence.review',
  'POST /review/agencies/:agencyId/evidence/:evidenceId/reopen': 'evidence.review',
  'POST /review/agencies/:agencyId/indicators/:indicator/validation': 'assessment.validate',
  'GET /differences': 'agency.read',
  'GET /inbox': 'signed-in',
  'POST /inbox/:notificationId/read': 'signed-in',
  'POST /inbox/read-all': 'signed-in',
  // e-mail: own choices, the token-checked unsubscribe link (works without signing in), the outbox
  'GET /account/notifications': 'signed-in',
  'POST /account/notifications': 'signed-in',
  'GET /mail/unsubscribe': 'public',
  'POST /mail/unsubscribe': 'public',
  'POST /api/v1/mail/unsubscribe': 'public',
  'GET /admin/mail': 'agency.manage',
  'POST /admin/mail/:mailId/retry': 'agency.manage',
  // reports
  'GET /api/v1/agencies/:agencyId/periods/:year/reports/summary.pdf': 'report.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/reports/summary.xlsx': 'report.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/reports/summary.csv': 'report.read',
  'GET /api/v1/agencies/:agencyId/periods/:year/reports/evidence.zip': 'report.read',
  'GET /api/v1/periods/:year/reports/rollup.pdf': 'report.read',
  'GET /reports': 'report.read',
  'POST /reports/rollup': 'report.read',
  'GET /reports/jobs/:jobId': 'report.read',
  'GET /reports/jobs/:jobId/rollup.pdf': 'report.read',
  // hub usage data
  'POST /api/v1/agencies/:agencyId/hub-imports': 'agency.write',
  'GET /api/v1/agencies/:agencyId/hub-imports': 'agency.read',
  'GET /api/v1/agencies/:agencyId/hub/figures': 'agency.read',
  'GET /api/v1/agencies/:agencyId/hub/rules': 'agency.read',
  'POST /api/v1/agencies/:agencyId/hub/rules': 'agency.write',
  'DELETE /api/v1/agencies/:agencyId/hub/rules/:hubRuleId': 'agency.write',
  'GET /api/v1/agencies/:agencyId/hub/unmapped': 'agency.read',
  'POST /api/v1/agencies/:agencyId/hub/assignments': 'agency.write',
  'POST /api/v1/agencies/:agencyId/hub/links': 'agency.write',
  'POST /api/v1/agencies/:agencyId/hub/evidence': 'evidence.upload',
  'POST /api/v1/agencies/:agencyId/api-catalog/evidence': 'evidence.upload',
  'GET /agencies/:agencyId/api-catalog/evidence': 'evidence.upload',
  'POST /agencies/:agencyId/api-catalog/evidence': 'evidence.upload',
  'GET /api/v1/hub/templates/:template': 'agency.read',
  'GET /agencies/:agencyId/hub': 'agency.read',
  'POST /agencies/:agencyId/hub/imports': 'agency.write',
  'POST /agencies/:agencyId/hub/evidence': 'evidence.upload',
  'POST /agencies/:agencyId/hub/links': 'agency.write',
  'GET /agencies/:agencyId/hub/units/:unitId': 'agency.read',
  'GET /agencies/:agencyId/hub/rules': 'agency.read',
  'POST /agencies/:agencyId/hub/rules': 'agency.write',
  'POST /agencies/:agencyId/hub/rules/:hubRuleId/delete': 'agency.write',
  'POST /agencies/:agencyId/hub/assignments': 'agency.write',
  'GET /hub/assets/chart.umd.min.js': 'public',
  // the road to the SPLP: steps, checklists, roadmap
  'GET /api/v1/agencies/:agencyId/onboarding': 'agency.read',
  'GET /api/v1/agencies/:agencyId/onboarding/roles': 'agency.read',
  'PUT /api/v1/agencies/:agencyId/onboarding/roles/:role': 'agency.write',
  'GET /api/v1/agencies/:agencyId/onboarding/:applicationId': 'agency.read',
  'PUT /api/v1/agencies/:agencyId/onboarding/:applicationId/:step': 'agency.write',
  'GET /api/v1/agencies/:agencyId/checklists': 'agency.read',
  'GET /api/v1/agencies/:agencyId/checklists/:checklist': 'agency.read',
  'PUT /api/v1/agencies/:agencyId/checklists/:checklist/:item': 'agency.write',
  'POST /api/v1/agencies/:agencyId/checklists/requirements/service_directory/generate': 'evidence.upload',
  'GET /api/v1/agencies/:agencyId/roadmap': 'agency.read',
  'GET /api/v1/agencies/:agencyId/roadmap.xlsx': 'agency.read',
  'GET /agencies/:agencyId/roadmap': 'agency.read',
  'GET /agencies/:agencyId/roadmap/export.xlsx': 'agency.read',
  'GET /agencies/:agencyId/roadmap/applications/:applicationId': 'agency.read',
  'POST /agencies/:agencyId/roadmap/applications/:applicationId/:step': 'agency.write',
  'GET /agencies/:agencyId/roadmap/checklists': 'agency.read',
  'POST /agencies/:agencyId/roadmap/checklists/:checklist/:item': 'agency.write',
  'POST /agencies/:agencyId/roadmap/service-directory': 'evidence.upload',
  'GET /agencies/:agencyId/roadmap/roles': 'agency.read',
  'POST /agencies/:agencyId/roadmap/roles/:role': 'agency.write',
  'GET /api/v1/spl-directory': 'agency.read',
  'GET /spl-directory': 'agency.read',
  'GET /api/v1/api-catalog': 'agency.read',
  'GET /api-catalog': 'agency.read',
  // framework packages (docs/frameworks.md)
  'GET /api/v1/frameworks': 'agency.read',
  'GET /api/v1/frameworks/:frameworkId/:version': 'agency.read',
  'POST /api/v1/frameworks': 'agency.manage',
  'GET /api/v1/periods/:year/framework': 'agency.read',
  'GET /frameworks': 'agency.manage',
  'POST /frameworks': 'agency.manage',
  'GET /agencies/:agencyId/periods/:year/index-simulation': 'report.read',
  // a period on the Pemdi 2026 framework (issue 20.3)
  'GET /api/v1/agencies/:agencyId/periods/:year/framework-index': 'agency.read',
  'PUT /api/v1/agencies/:agencyId/periods/:year/external-values/:indicator': 'agency.manage',
  'GET /agencies/:agencyId/periods/:year/pemdi/:code': 'agency.read',
  'POST /agencies/:agencyId/periods/:year/pemdi/:code': 'assessment.claim',
  'POST /agencies/:agencyId/periods/:year/pemdi/:code/external': 'agency.manage',
  // carry-over by the crosswalk: the coordinator previews and confirms
  'GET /api/v1/agencies/:agencyId/periods/:year/evidence/crosswalk': 'assessment.claim',
  'POST /api/v1/agencies/:agencyId/periods/:year/evidence/crosswalk': 'assessment.claim',
  'GET /agencies/:agencyId/periods/:year/evidence/crosswalk': 'assessment.claim',
  'POST /agencies/:agencyId/periods/:year/evidence/crosswalk': 'assessment.claim',
};

const ROLES: Role[] = ['admin', 'coordinator', 'operator', 'internal_assessor', 'evaluator', 'leader'];

interface World {
  own: Agency;
  other: Agency;
  actors: Record<Role, User>;
  params: { own: Record<string, string>; other: Record<string, string> };
}

async function buildWorld(ds: DataSource): Promise<World> {
  const own = await makeAgency(ds);
  const other = await makeAgency(ds);
  const period = await makePeriod(ds);
  const ownData = { ...(await makeAgencyData(ds, own)), ...(await makeEvidenceData(ds, own, period)) };
  const otherData = { ...(await makeAgencyData(ds, other)), ...(await makeEvidenceData(ds, other, period)) };
  const actors = {} as Record<Role, User>;
  for (const role of ROLES) {
    const agency = ['admin', 'evaluator'].includes(role) ? null : own;
    actors[role] = await makeUser(ds, role, agency);
  }
  await assignEvaluator(ds, actors.evaluator, own, period);
  const ownSubject = await makeUser(ds, 'operator', own);
  const otherSubject = await makeUser(ds, 'operator', other);
  return {
    own,
    other,
    actors,
    params: {
      own: {
        agencyId: own.id,
        userId: ownSubject.id,
        tokenId: '00000000-0000-4000-8000-000000000000',
        roundId: '00000000-0000-4000-8000-0000000000b1',
        notificationId: '00000000-0000-4000-8000-0000000000c1',
        mailId: '00000000-0000-4000-8000-0000000000d1',
        jobId: '00000000-0000-4000-8000-0000000000a1',
        ...ownData,
        year: String(period.year),
        indicator: '18',
        code: 'I16',
        template: 'usage',
        frameworkId: 'pemdi-2026',
        version: '2026.1',
        step: 'app_docs',
        checklist: 'requirements',
        item: 'bus',
        role: 'splp_contact',
      },
      other: {
        agencyId: other.id,
        userId: otherSubject.id,
        tokenId: '00000000-0000-4000-8000-000000000001',
        roundId: '00000000-0000-4000-8000-0000000000b2',
        notificationId: '00000000-0000-4000-8000-0000000000c2',
        mailId: '00000000-0000-4000-8000-0000000000d2',
        jobId: '00000000-0000-4000-8000-0000000000a2',
        ...otherData,
        year: String(period.year),
        indicator: '18',
        code: 'I16',
        template: 'usage',
        frameworkId: 'pemdi-2026',
        version: '2026.1',
        step: 'app_docs',
        checklist: 'requirements',
        item: 'bus',
        role: 'splp_contact',
      },
    },
  };
}

/** One record of each agency-data kind, for the path parameters of the agency-data routes. */
async function makeAgencyData(ds: DataSource, agency: Agency): Promise<Record<string, string>> {
  const unit = await makeUnit(ds, agency);
  const agencyId = agency.id;
  const insert = async (table: string, values: Record<string, unknown>) => {
    const cols = Object.keys(values);
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO ${table} (version, ${cols.join(', ')}) VALUES (1, ${cols.map((_c, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(values),
    );
    return rows[0].id;
  };
  const applicationId = await insert('application', {
    agency_id: agencyId,
    unit_id: unit.id,
    name: 'SIMPEG',
  });
  const splId = await insert('spl_instance', { agency_id: agencyId, name: 'SPL' });
  const policyId = await insert('policy', { agency_id: agencyId, title: 'Perbup SPL', date: '2025-01-02' });
  const integrationId = await insert('integration', {
    agency_id: agencyId,
    with_target: 'splp',
    peer_name: 'SPLP',
  });
  const reviewId = await insert('review', { agency_id: agencyId, subject: 'spl', date: '2025-06-01' });
  const followUpId = await insert('follow_up', {
    agency_id: agencyId,
    review_id: reviewId,
    finding: 'Temuan',
  });
  // Mapping rules have no version column.
  const [{ id: hubRuleId }] = await ds.query(
    `INSERT INTO hub_mapping_rule (agency_id, unit_id, match_type, match_value, source)
     VALUES ($1, $2, 'tag', 'sample', 'manual') RETURNING id`,
    [agencyId, unit.id],
  );
  return {
    unitId: unit.id,
    applicationId,
    splId,
    policyId,
    integrationId,
    reviewId,
    followUpId,
    hubRuleId,
    entityType: 'unit',
    entityId: unit.id,
  };
}

/** An evidence item with one file record, for the evidence routes' parameters. */
async function makeEvidenceData(
  ds: DataSource,
  agency: Agency,
  period: Period,
): Promise<Record<string, string>> {
  const evidence = await makeEvidence(ds, agency, period);
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO evidence_file (evidence_id, agency_id, storage_key, sha256, size, mime_type, original_name)
     VALUES ($1, $2, $3, $4, 1, 'application/pdf', 'x.pdf') RETURNING id`,
    [evidence.id, agency.id, `evidence/${agency.id}/2026/${evidence.id}`, '0'.repeat(64)],
  );
  return { evidenceId: evidence.id, fileId: rows[0].id };
}

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (!(name in values))
      throw new Error(`The access matrix has no sample value for :${name} (${path}); add one.`);
    return values[name];
  });
}

const isApi = (route: RouteInfo) => route.path.startsWith('/api/');

describe('access matrix over every registered route', () => {
  let t: TestApp;
  let world: World;
  let routes: RouteInfo[];

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.app.get(DataSource);
    world = await buildWorld(ds);
    routes = listRoutes(t.app).filter((r) => !r.path.startsWith('/api/docs'));
  });
  afterAll(() => t.close());

  async function call(route: RouteInfo, path: string, role?: Role) {
    const ds = t.app.get(DataSource);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = http(t.app)[method](path);
    if (isApi(route)) {
      if (role)
        req = req.set('Authorization', `Bearer ${await issueToken(ds, world.actors[role], 'access')}`);
      return method === 'get' ? req : req.send({});
    }
    const session = role ? await issueToken(ds, world.actors[role], 'session') : undefined;
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    req = req.set('Cookie', cookie).set('Accept', 'text/html');
    return method === 'get' ? req : req.type('form').send({ _csrf: csrf });
  }

  it('finds the routes of every feature', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /health', 'POST /api/v1/auth/login', 'GET /api/v1/users', 'GET /users']),
    );
  });

  it('has an access declaration on every route (deny by default)', () => {
    const undeclared = routes
      .filter((r) => !r.rule)
      .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('requires of each route exactly the access this table expects', () => {
    const declared = Object.fromEntries(
      routes.map((r) => [
        `${r.method} ${r.path}`,
        r.rule?.kind === 'permission' ? r.rule.permission : (r.rule?.kind ?? 'undeclared'),
      ]),
    );
    expect(declared).toEqual(EXPECTED_ACCESS);
  });

  it('turns away anonymous callers from every non-public route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.rule?.kind !== 'public')) {
      const res = await call(route, fill(route.path, world.params.own));
      const ok = isApi(route)
        ? res.status === 401
        : res.status === 303 && /^\/login/.test(res.headers.location ?? '');
      if (!ok) wrong.push(`${route.method} ${route.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  // One test per role: about 200 routes each, so a slow machine stays within the test timeout.
  it.each(ROLES)(
    'gives the %s role exactly the routes its permissions allow, for its own agency',
    async (role) => {
      const wrong: string[] = [];
      for (const route of routes.filter((r) => r.rule?.kind === 'permission')) {
        const permission = (route.rule as { permission: string }).permission;
        const allowed = ALLOWED[permission];
        if (!allowed) throw new Error(`No expectation for permission ${permission}`);
        const res = await call(route, fill(route.path, world.params.own), role);
        const denied = res.status === 403 || res.status === 401;
        if (allowed.includes(role) === denied || res.status >= 500) {
          wrong.push(
            `${role} ${route.method} ${route.path}: ${res.status} (${allowed.includes(role) ? 'allowed' : 'denied'})`,
          );
        }
      }
      expect(wrong).toEqual([]);
    },
    // Routes keep being added; a loaded 2-core machine needs more than the default minute per role.
    180_000,
  );

  it('answers 404 when a role reaches for another agency’s objects, and shows none of them', async () => {
    const wrong: string[] = [];
    const withIds = routes.filter(
      (r) => r.rule?.kind === 'permission' && /:(agencyId|userId|evidenceId)/.test(r.path),
    );
    for (const route of withIds) {
      const permission = (route.rule as { permission: string }).permission;
      for (const role of ALLOWED[permission].filter((r) => r !== 'admin')) {
        const res = await call(route, fill(route.path, world.params.other), role);
        if (res.status !== 404) wrong.push(`${role} ${route.method} ${route.path}: ${res.status}`);
        if (JSON.stringify(res.body ?? '').includes(world.params.other.userId))
          wrong.push(`${role} ${route.path}: leaked`);
      }
    }
    expect(withIds.length).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });

  it('answers 404 to another agency’s id placed under one’s own agency (IDOR), on every route', async () => {
    const wrong: string[] = [];
    let tried = 0;
    const ownAgency = routes.filter((r) => r.rule?.kind === 'permission' && r.path.includes(':agencyId'));
    for (const route of ownAgency) {
      const permission = (route.rule as { permission: string }).permission;
      const children = [...route.path.matchAll(/:(\w+)/g)]
        .map((m) => m[1])
        .filter((name) => name !== 'agencyId' && world.params.other[name] !== world.params.own[name]);
      for (const name of children) {
        const path = fill(route.path, { ...world.params.own, [name]: world.params.other[name] });
        for (const role of ALLOWED[permission]) {
          tried += 1;
          const res = await call(route, path, role);
          if (res.status !== 404)
            wrong.push(`${role} ${route.method} ${route.path} with another agency's :${name}: ${res.status}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('lets signed-in-only routes through for every role', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.rule?.kind === 'signed-in' && r.method === 'GET')) {
      for (const role of ROLES) {
        const res = await call(route, fill(route.path, world.params.own), role);
        if (res.status !== 200) wrong.push(`${role} ${route.method} ${route.path}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * Scopes inside an agency: an evaluator reads only the periods assigned to them, an operator
 * limited to units changes only their units' evidence and hub links (issue 17).
 */
describe('period and unit scopes inside an agency', () => {
  let t: TestApp;
  let ds: DataSource;
  let routes: RouteInfo[];
  let agency: Agency;
  let params: Record<string, string>;
  let evaluator: User;
  let operator: User;
  let mine: { unitId: string; evidenceId: string; applicationId: string };
  let theirs: { unitId: string; evidenceId: string; earlierEvidenceId: string; fileId: string };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    routes = listRoutes(t.app).filter((r) => !r.path.startsWith('/api/docs'));
    agency = await makeAgency(ds);
    const earlier = await makePeriod(ds, { year: 2025 });
    const current = await makePeriod(ds, { year: 2026 });
    const own = await makeUnit(ds, agency);
    const other = await makeUnit(ds, agency);
    const evidenceOf = async (unitId: string, period: Period) => {
      const e = await makeEvidence(ds, agency, period, { status: 'draft' });
      await ds.query('INSERT INTO evidence_unit (evidence_id, unit_id) VALUES ($1, $2)', [e.id, unitId]);
      return e.id;
    };
    const [{ id: applicationId }] = await ds.query(
      `INSERT INTO application (version, agency_id, unit_id, name) VALUES (1, $1, $2, 'SIMPEG') RETURNING id`,
      [agency.id, own.id],
    );
    mine = { unitId: own.id, evidenceId: await evidenceOf(own.id, current), applicationId };
    const earlierEvidenceId = await evidenceOf(other.id, earlier);
    const [{ id: fileId }] = await ds.query(
      `INSERT INTO evidence_file (evidence_id, agency_id, storage_key, sha256, size, mime_type, original_name)
       VALUES ($1, $2, 'evidence/x', $3, 1, 'application/pdf', 'x.pdf') RETURNING id`,
      [earlierEvidenceId, agency.id, '0'.repeat(64)],
    );
    theirs = { unitId: other.id, evidenceId: await evidenceOf(other.id, current), earlierEvidenceId, fileId };
    evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, evaluator, agency, current);
    operator = await makeUser(ds, 'operator', agency);
    await ds.query('INSERT INTO user_unit (user_id, unit_id) VALUES ($1, $2)', [operator.id, own.id]);
    params = {
      agencyId: agency.id,
      year: '2025',
      evidenceId: earlierEvidenceId,
      fileId,
      indicator: '18',
      unitId: other.id,
      entityType: 'unit',
      entityId: other.id,
      applicationId,
    };
  });
  afterAll(() => t.close());

  const bearer = async (user: User) => `Bearer ${await issueToken(ds, user, 'access')}`;
  const page = async (user: User) =>
    browserSession(t.config.sessionSecret, await issueToken(ds, user, 'session'));

  it('answers 404 to an evaluator on every read of an agency for a period not assigned to them', async () => {
    const wrong: string[] = [];
    const reads = routes.filter(
      (r) =>
        r.method === 'GET' &&
        r.path.includes(':agencyId') &&
        r.rule?.kind === 'permission' &&
        ALLOWED[(r.rule as { permission: string }).permission].includes('evaluator') &&
        // Other objects' ids would answer 404 for their own reason; those routes prove nothing here.
        [...r.path.matchAll(/:(\w+)/g)].every((m) => m[1] in params),
    );
    for (const route of reads) {
      const named = /:(year|evidenceId)/.test(route.path);
      // Without a year in the path, the year of the query says which period is read.
      const path = `${fill(route.path, params)}${named ? '' : '?year=2025'}`;
      const res = isApi(route)
        ? await http(t.app)
            .get(path)
            .set('Authorization', await bearer(evaluator))
        : await http(t.app)
            .get(path)
            .set('Cookie', (await page(evaluator)).cookie)
            .set('Accept', 'text/html');
      if (res.status !== 404) wrong.push(`${route.method} ${route.path}: ${res.status}`);
    }
    expect(reads.length).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
    // The assigned period stays open to them.
    await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/evidence/${theirs.evidenceId}`)
      .set('Authorization', await bearer(evaluator))
      .expect(200);
  });

  it('lists the agency to an evaluator only for the period assigned', async () => {
    const list = async (year: number) =>
      (
        await http(t.app)
          .get(`/api/v1/agencies?year=${year}`)
          .set('Authorization', await bearer(evaluator))
          .expect(200)
      ).body.map((a: { id: string }) => a.id);
    expect(await list(2026)).toContain(agency.id);
    expect(await list(2025)).not.toContain(agency.id);
  });

  /** Each evidence and hub write, aimed at another unit's item by an operator limited to one unit. */
  const meta = () => ({
    kind: 'api_list',
    title: 'Daftar API',
    documentDate: '2026-03-01',
    indicators: [18],
    unitIds: [mine.unitId],
  });
  const pdf = Buffer.from('%PDF-1.4\n%scope\ntrailer << >>\n%%EOF\n');
  const UNIT_WRITES: Record<string, () => Promise<{ status: number }>> = {
    'POST /api/v1/agencies/:agencyId/evidence': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/evidence`)
        .set('Authorization', await bearer(operator))
        .field('kind', 'api_list')
        .field('title', 'x')
        .field('documentDate', '2026-03-01')
        .field('indicators', '18')
        .field('unitIds', theirs.unitId)
        .attach('files', pdf, 'x.pdf'),
    'PATCH /api/v1/agencies/:agencyId/evidence/:evidenceId': async () =>
      http(t.app)
        .patch(`/api/v1/agencies/${agency.id}/evidence/${theirs.evidenceId}`)
        .set('Authorization', await bearer(operator))
        .send({ ...meta(), version: 1 }),
    'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/files': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/evidence/${theirs.evidenceId}/files`)
        .set('Authorization', await bearer(operator))
        .attach('files', pdf, 'more.pdf'),
    'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/status': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/evidence/${theirs.evidenceId}/status`)
        .set('Authorization', await bearer(operator))
        .send({ status: 'submitted' }),
    'POST /api/v1/agencies/:agencyId/periods/:year/evidence/carry-forward': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/periods/2026/evidence/carry-forward`)
        .set('Authorization', await bearer(operator))
        .send({ fromYear: 2025, evidenceIds: [theirs.earlierEvidenceId] }),
    'POST /agencies/:agencyId/evidence/:evidenceId/status': async () => {
      const s = await page(operator);
      return http(t.app)
        .post(`/agencies/${agency.id}/evidence/${theirs.evidenceId}/status`)
        .set('Cookie', s.cookie)
        .set('Accept', 'text/html')
        .type('form')
        .send({ _csrf: s.csrf, status: 'submitted' });
    },
    'POST /api/v1/agencies/:agencyId/hub/rules': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/hub/rules`)
        .set('Authorization', await bearer(operator))
        .send({ unitId: mine.unitId, matchType: 'tag', matchValue: 'x' }),
    'POST /api/v1/agencies/:agencyId/hub/assignments': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/hub/assignments`)
        .set('Authorization', await bearer(operator))
        .send({ kind: 'api', id: '00000000-0000-4000-8000-000000000000', unitId: mine.unitId }),
    'POST /api/v1/agencies/:agencyId/hub/evidence': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/hub/evidence`)
        .set('Authorization', await bearer(operator))
        .send({ unitId: theirs.unitId }),
    // The catalogue covers every unit: an operator limited to one unit is refused outright.
    'POST /api/v1/agencies/:agencyId/api-catalog/evidence': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/api-catalog/evidence`)
        .set('Authorization', await bearer(operator))
        .send({}),
    'POST /api/v1/agencies/:agencyId/hub-imports': async () =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/hub-imports`)
        .set('Authorization', await bearer(operator))
        .attach('file', Buffer.from('unit_code,match_type,match_value\n'), 'units.csv'),
  };

  /** Page forms that call the same service method as an API route checked above. */
  const PAGE_TWINS: Record<string, string> = {
    'POST /agencies/:agencyId/evidence': 'POST /api/v1/agencies/:agencyId/evidence',
    'POST /agencies/:agencyId/evidence/:evidenceId/files':
      'POST /api/v1/agencies/:agencyId/evidence/:evidenceId/files',
    'POST /agencies/:agencyId/evidence/:evidenceId/links':
      'PATCH /api/v1/agencies/:agencyId/evidence/:evidenceId',
    'POST /agencies/:agencyId/evidence/carry-forward':
      'POST /api/v1/agencies/:agencyId/periods/:year/evidence/carry-forward',
    'POST /agencies/:agencyId/hub/imports': 'POST /api/v1/agencies/:agencyId/hub-imports',
    'POST /agencies/:agencyId/hub/evidence': 'POST /api/v1/agencies/:agencyId/hub/evidence',
    'POST /agencies/:agencyId/api-catalog/evidence': 'POST /api/v1/agencies/:agencyId/api-catalog/evidence',
    'POST /agencies/:agencyId/hub/rules': 'POST /api/v1/agencies/:agencyId/hub/rules',
    'POST /agencies/:agencyId/hub/rules/:hubRuleId/delete': 'POST /api/v1/agencies/:agencyId/hub/rules',
    'POST /agencies/:agencyId/hub/assignments': 'POST /api/v1/agencies/:agencyId/hub/assignments',
    'DELETE /api/v1/agencies/:agencyId/hub/rules/:hubRuleId': 'POST /api/v1/agencies/:agencyId/hub/rules',
  };
  /** Writes not checked here, with the reason; the list keeps the gaps visible. */
  const NOT_CHECKED: Record<string, string> = {
    'POST /api/v1/agencies/:agencyId/hub/links':
      'needs imported hub data (HubRulesService.link checks the units)',
    'POST /agencies/:agencyId/hub/links': 'the page form of the route above',
    'POST /agencies/:agencyId/policies/:policyId/evidence':
      'a policy write (PoliciesService.update, like PATCH .../policies/:policyId), not an evidence write',
    'POST /api/v1/agencies/:agencyId/interview/rounds/:roundId/answer': 'answers are not unit-scoped yet',
    'POST /agencies/:agencyId/workflow/rounds/:roundId/answer': 'answers are not unit-scoped yet',
  };

  it('checks every evidence and hub write an operator may call', () => {
    const writes = routes
      .filter(
        (r) => r.method !== 'GET' && /evidence|hub|rounds/.test(r.path) && r.rule?.kind === 'permission',
      )
      .filter((r) => ALLOWED[(r.rule as { permission: string }).permission].includes('operator'))
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => !/comments$/.test(key));
    const unlisted = writes.filter((k) => !UNIT_WRITES[k] && !PAGE_TWINS[k] && !NOT_CHECKED[k]);
    expect(unlisted).toEqual([]);
  });

  it('refuses an operator limited to a unit every evidence and hub write on another unit', async () => {
    const wrong: string[] = [];
    for (const [route, send] of Object.entries(UNIT_WRITES)) {
      const res = await send();
      // Creating names the unit in the body: a validation answer (400) like any other field's.
      const refused = route === 'POST /api/v1/agencies/:agencyId/evidence' ? [400] : [403, 404];
      if (!refused.includes(res.status)) wrong.push(`${route}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
    const [{ status }] = await ds.query('SELECT status FROM evidence WHERE id = $1', [theirs.evidenceId]);
    expect(status).toBe('draft');
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM evidence_file WHERE evidence_id = $1', [
      theirs.evidenceId,
    ]);
    expect(n).toBe(0);
  });

  it('lets the same operator change the evidence of their own unit', async () => {
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence/${mine.evidenceId}/status`)
      .set('Authorization', await bearer(operator))
      .send({ status: 'submitted' })
      .expect(201);
  });
});
