import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Evidence } from '../../src/evidence/evidence.entity';
import { Period } from '../../src/periods/period.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { besideField } from '../support/field-errors';
import { browserSession, http } from '../support/http';
import { listRoutes } from '../support/routes';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * Every page form, refused: the answer is the same form again, saying what is wrong in
 * Indonesian, with the other values the person entered still in the fields, at an address a
 * browser can open again (the posted one when GET serves it, else the form's own page, which the
 * page names for the address bar).
 */
interface FormCase {
  /** The route as the route table names it. */
  route: string;
  path: () => string;
  fields: () => Record<string, string>;
  /** The field that is refused: its message stands right after it. */
  field: string;
  /** The refusal in Indonesian, as the alert shows it: the field named by its label, not its request name. */
  says: RegExp;
  /** What the fields must still hold (as the HTML has it). */
  keeps: (string | RegExp)[];
}

describe('page forms refused', () => {
  let t: TestApp;
  let ds: DataSource;
  let period: Period;
  let agency: Agency;
  let unit: Unit;
  let item: Evidence;
  let operator: User;
  let session: { cookie: string; csrf: string };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026 });
    agency = await makeAgency(ds, { name: 'Kota Formulir' });
    unit = await makeUnit(ds, agency, { name: 'Dinas Formulir' });
    item = await makeEvidence(ds, agency, period, { title: 'Daftar API Formulir' });
    operator = await makeUser(ds, 'operator', agency);
    const admin = await makeUser(ds, 'admin', null);
    session = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session'));
  });
  afterAll(() => t.close());

  const a = () => `/agencies/${agency.id}`;
  const choice = /: pilih salah satu nilai yang tersedia\./;

  const CASES: FormCase[] = [
    {
      route: 'POST /agencies/:agencyId/units',
      field: 'code',
      path: () => `${a()}/units`,
      fields: () => ({ code: 'kode salah!', name: 'Dinas Nilai Tetap', outOfScopeReason: 'Alasan tetap' }),
      says: /^Kode: /,
      keeps: ['value="Dinas Nilai Tetap"', 'value="Alasan tetap"'],
    },
    {
      route: 'POST /agencies/:agencyId/units/:unitId',
      field: 'code',
      path: () => `${a()}/units/${unit.id}`,
      fields: () => ({ version: String(unit.version), code: 'kode salah!', name: 'Nama Unit Diubah' }),
      says: /^Kode: /,
      keeps: ['value="Nama Unit Diubah"', 'value="kode salah!"'],
    },
    {
      route: 'POST /agencies/:agencyId/applications',
      field: 'unitId',
      path: () => `${a()}/applications`,
      fields: () => ({ unitId: 'bukan-id', name: 'Aplikasi Nilai Tetap', usageType: 'api_ready' }),
      says: /^Unit: /,
      keeps: ['value="Aplikasi Nilai Tetap"'],
    },
    {
      route: 'POST /agencies/:agencyId/spl',
      field: 'product',
      path: () => `${a()}/spl`,
      fields: () => ({
        name: 'SPL Nilai Tetap',
        product: 'bukan-pilihan',
        baseUrl: 'https://spl.contoh.go.id',
      }),
      says: choice,
      keeps: ['value="SPL Nilai Tetap"', 'value="https://spl.contoh.go.id"'],
    },
    {
      route: 'POST /agencies/:agencyId/policies',
      field: 'date',
      path: () => `${a()}/policies`,
      fields: () => ({ title: 'Perbup Nilai Tetap', number: '12/2026', date: '2026-02-30' }),
      says: /^Tanggal: harus tanggal yang sah/,
      keeps: ['value="Perbup Nilai Tetap"', 'value="12/2026"'],
    },
    {
      route: 'POST /agencies/:agencyId/reviews',
      field: 'subject',
      path: () => `${a()}/reviews`,
      fields: () => ({ subject: 'bukan-pilihan', date: '2026-03-01', findings: 'Temuan nilai tetap' }),
      says: choice,
      keeps: ['Temuan nilai tetap'],
    },
    {
      route: 'POST /agencies/:agencyId/integrations',
      field: 'withTarget',
      path: () => `${a()}/integrations`,
      fields: () => ({
        withTarget: 'bukan-pilihan',
        peerName: 'Mitra Nilai Tetap',
        description: 'Uraian tetap',
      }),
      says: choice,
      keeps: ['value="Mitra Nilai Tetap"', 'value="Uraian tetap"'],
    },
    {
      route: 'POST /agencies/:agencyId/evidence',
      field: 'kind',
      path: () => `${a()}/evidence`,
      fields: () => ({
        source: 'link',
        url: 'https://bukti.contoh.go.id/daftar',
        kind: 'bukan-pilihan',
        title: 'Bukti Nilai Tetap',
        indicators: '18',
        year: '2026',
      }),
      says: choice,
      keeps: ['value="Bukti Nilai Tetap"', 'value="https://bukti.contoh.go.id/daftar"'],
    },
    {
      route: 'POST /agencies/:agencyId/periods/:year/indicators/:indicator',
      field: 'claimedLevel',
      path: () => `${a()}/periods/2026/indicators/18`,
      fields: () => ({ claimedLevel: '9', justification: 'Alasan klaim tetap' }),
      says: /^Level yang diklaim: /,
      keeps: ['Alasan klaim tetap'],
    },
    {
      route: 'POST /agencies/:agencyId/hub/rules',
      field: 'matchType',
      path: () => `${a()}/hub/rules`,
      fields: () => ({ unitId: unit.id, matchType: 'bukan-pilihan', matchValue: 'pola-tetap' }),
      says: choice,
      keeps: ['value="pola-tetap"'],
    },
    {
      route: 'POST /agencies/:agencyId/workflow/indicators/:indicator/comments',
      field: 'body',
      path: () => `${a()}/workflow/indicators/18/comments`,
      fields: () => ({ year: '2026', body: `Komentar tetap ${'x'.repeat(5001)}` }),
      says: /^Tulis komentar: /,
      keeps: ['Komentar tetap xxxx'],
    },
    {
      route: 'POST /review/agencies/:agencyId/evidence/:evidenceId/decision',
      field: 'reasonCode',
      path: () => `/review/agencies/${agency.id}/evidence/${item.id}/decision`,
      fields: () => ({
        year: '2026',
        version: String(item.version),
        status: 'rejected',
        reasonCode: 'bukan-pilihan',
        reason: 'Alasan keputusan tetap',
      }),
      says: choice,
      keeps: ['value="Alasan keputusan tetap"'],
    },
    {
      route: 'POST /users',
      field: 'email',
      path: () => '/users',
      fields: () => ({
        username: 'pengguna.tetap',
        displayName: 'Pengguna Nilai Tetap',
        email: 'bukan-email',
        role: 'operator',
        agencyId: agency.id,
        password: 'rahasia-panjang-sekali',
      }),
      says: /^Email: harus alamat e-mail yang sah\./,
      keeps: ['value="Pengguna Nilai Tetap"', 'value="pengguna.tetap"'],
    },
    {
      route: 'POST /users/:userId',
      field: 'role',
      path: () => `/users/${operator.id}`,
      fields: () => ({
        version: String(operator.version),
        displayName: 'Nama Pengguna Diubah',
        role: 'bukan-peran',
      }),
      says: /^Peran: /,
      keeps: ['value="Nama Pengguna Diubah"'],
    },
    {
      route: 'POST /periods/:year/dates',
      field: 'selfAssessmentEnd',
      path: () => '/periods/2026/dates',
      fields: () => ({
        version: String(period.version),
        selfAssessmentStart: '2026-01-05',
        selfAssessmentEnd: '2026-02-30',
      }),
      says: /^Penilaian mandiri selesai: harus tanggal yang sah/,
      keeps: ['value="2026-01-05"'],
    },
    {
      route: 'POST /account/tokens',
      field: 'expiresInDays',
      path: () => '/account/tokens',
      fields: () => ({ name: 'Token Nilai Tetap', expiresInDays: '9999' }),
      says: /^Berlaku \(hari\): /,
      keeps: ['value="Token Nilai Tetap"'],
    },
    {
      route: 'POST /reports/rollup',
      field: 'basis',
      path: () => '/reports/rollup',
      fields: () => ({ year: '2026', basis: 'bukan-pilihan', area: '33', kind: '' }),
      says: /^Basis: /,
      keeps: ['value="33"'],
    },
  ];

  /**
   * Page forms left out of the table, and why: they take no value a person types (a button
   * that deletes, retries or marks read), or they are the sign-in itself.
   */
  const NOT_TYPED: Record<string, string> = {
    'POST /login': 'the sign-in page, answered by its own guard',
    'POST /logout': 'a button',
    'POST /agencies/:agencyId/api-catalog/evidence': "a confirmation button (the year is the page's own)",
    'POST /account/password': 'passwords are never shown again',
    'POST /account/tokens/:tokenId/revoke': 'a button',
    'POST /users/:userId/password-reset': 'a password, never shown again',
    'POST /users/:userId/assignments': 'a multi-select of agencies, tested below',
    'POST /agencies/:agencyId/units/:unitId/delete': 'a button',
    'POST /agencies/:agencyId/applications/:applicationId': 'a table row form',
    'POST /agencies/:agencyId/applications/:applicationId/delete': 'a button',
    'POST /agencies/:agencyId/spl/:splId': 'a list row form',
    'POST /agencies/:agencyId/spl/:splId/delete': 'a button',
    'POST /agencies/:agencyId/policies/:policyId': 'the policy edit form',
    'POST /agencies/:agencyId/policies/:policyId/evidence': 'tick boxes',
    'POST /agencies/:agencyId/policies/:policyId/delete': 'a button',
    'POST /agencies/:agencyId/reviews/:reviewId': 'the review edit form',
    'POST /agencies/:agencyId/reviews/:reviewId/follow-ups': 'needs a review',
    'POST /agencies/:agencyId/reviews/:reviewId/follow-ups/:followUpId': 'needs a follow-up',
    'POST /agencies/:agencyId/integrations/:integrationId/delete': 'a button',
    'POST /agencies/:agencyId/import/units': 'a file',
    'POST /agencies/:agencyId/import/applications': 'a file',
    'POST /agencies/:agencyId/evidence/:evidenceId/status': 'buttons',
    'POST /agencies/:agencyId/evidence/:evidenceId/links': 'multi-selects',
    'POST /agencies/:agencyId/evidence/:evidenceId/files': 'files',
    'POST /agencies/:agencyId/evidence/carry-forward': 'tick boxes',
    'POST /periods/:year/stage': 'a confirmed choice (test/e2e/period-confirm.test.ts)',
    'POST /periods/:year/review-window': 'one number',
    'POST /periods/:year/framework': 'a select',
    'POST /periods/:year/freeze': 'tick boxes (test/e2e/period-confirm.test.ts)',
    'POST /agencies/:agencyId/workflow/submit': 'a tick box',
    'POST /agencies/:agencyId/workflow/evidence/:evidenceId/return': 'needs an internal assessor stage',
    'POST /agencies/:agencyId/workflow/rounds/:roundId/answer': 'needs an interview round',
    'POST /agencies/:agencyId/workflow/evidence/:evidenceId/comments':
      'the same form as the indicator thread',
    'POST /review/agencies/:agencyId/evidence/:evidenceId/reopen': 'needs the interview stage',
    'POST /review/agencies/:agencyId': 'shown in document review (test/e2e/review-validation-form.test.ts)',
    'POST /review/agencies/:agencyId/indicators/:indicator/validation':
      'the same form as POST /review/agencies/:agencyId',
    'POST /inbox/:notificationId/read': 'a button',
    'POST /inbox/read-all': 'a button',
    'POST /account/notifications': 'radio buttons',
    'POST /mail/unsubscribe': 'a button',
    'POST /admin/mail/:mailId/retry': 'a button',
    'POST /agencies/:agencyId/hub/imports': 'a file',
    'POST /agencies/:agencyId/hub/evidence': 'a button',
    'POST /agencies/:agencyId/hub/links': 'selects on the unit page',
    'POST /agencies/:agencyId/hub/rules/:hubRuleId/delete': 'a button',
    'POST /agencies/:agencyId/hub/assignments': 'a select per row',
    'POST /agencies/:agencyId/roadmap/applications/:applicationId/:step':
      'tested in test/e2e/onboarding.test.ts',
    'POST /agencies/:agencyId/roadmap/checklists/:checklist/:item': 'tested in test/e2e/onboarding.test.ts',
    'POST /agencies/:agencyId/roadmap/service-directory': 'a button',
    'POST /agencies/:agencyId/roadmap/roles/:role': 'selects per row',
    'POST /frameworks': 'a file',
    'POST /agencies/:agencyId/periods/:year/evidence/crosswalk': 'tick boxes',
    'POST /agencies/:agencyId/periods/:year/pemdi/:code':
      'needs a Pemdi period (refusals kept: test/e2e/pemdi-pages.test.ts)',
    'POST /agencies/:agencyId/periods/:year/pemdi/:code/external':
      'needs a Pemdi period (refusals kept: test/e2e/pemdi-pages.test.ts)',
  };

  it('covers every page form of the route table', () => {
    const pageForms = listRoutes(t.app)
      .filter((r) => r.method === 'POST' && !r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`);
    const listed = new Set([...CASES.map((c) => c.route), ...Object.keys(NOT_TYPED)]);
    expect(pageForms.filter((r) => !listed.has(r))).toEqual([]);
    expect([...listed].filter((r) => !pageForms.includes(r))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.route, c] as const))(
    '%s answers the form again with the error in Indonesian and what was entered',
    async (_route, form) => {
      const posted = form.path();
      const res = await http(t.app)
        .post(posted)
        .set('Cookie', session.cookie)
        .set('Accept', 'text/html')
        .type('form')
        .send({ _csrf: session.csrf, ...form.fields() });
      expect(res.status).toBe(400);
      const alert = /role="alert"[^>]*>([^<]*)</.exec(res.text)?.[1] ?? '';
      expect(alert).toMatch(form.says);
      expect(alert).not.toMatch(/(^|; )[a-z][A-Za-z]*: /);
      expect(res.text).not.toContain('Terjadi kesalahan');
      for (const kept of form.keeps) expect(res.text).toMatch(kept);
      // Beside the refused field: it is marked invalid and described by its problem, as the alert says it.
      const beside = besideField(res.text, form.field);
      expect(beside.message).toBeTruthy();
      expect(alert.toLowerCase()).toContain(beside.message!.toLowerCase());
      expect(beside.follows).toBe(true);
      // The address bar ends on the form's own page: the posted address, or the one the page names.
      const named = /<meta name="page-address" content="([^"]+)">/.exec(res.text)?.[1];
      const address = (named ?? posted).replace(/&amp;/g, '&');
      await http(t.app).get(address).set('Cookie', session.cookie).set('Accept', 'text/html').expect(200);
    },
  );

  it("keeps the evaluator's agencies as chosen when the assignments are refused, the problem under the list", async () => {
    const evaluator = await makeUser(ds, 'evaluator', null);
    const stored = await makeAgency(ds, { name: 'Kabupaten Tugas Lama' });
    await assignEvaluator(ds, evaluator, stored, period);
    // The list sent: the form's agency instead of the stored one, and a value no option has.
    const body = new URLSearchParams([
      ['_csrf', session.csrf],
      ['agencyIds', agency.id],
      ['agencyIds', 'bukan-id'],
    ]).toString();
    const res = await http(t.app)
      .post(`/users/${evaluator.id}/assignments`)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send(body);
    expect(res.status).toBe(400);
    const option = (id: string) => new RegExp(`<option value="${id}" ?([a-z]*)>`).exec(res.text)?.[1];
    expect(option(agency.id)).toBe('selected');
    expect(option(stored.id)).toBe('');
    const beside = besideField(res.text, 'agencyIds');
    expect(beside.message).toBe('Harus berupa id yang sah.');
    expect(beside.follows).toBe(true);
    expect(res.text).toContain(`<meta name="page-address" content="/users/${evaluator.id}">`);
  });
});
