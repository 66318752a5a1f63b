import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { EVIDENCE_KINDS } from '../../src/evidence/evidence.entity';
import en from '../../src/i18n/messages/en.json';
import id from '../../src/i18n/messages/id.json';
import { Period } from '../../src/periods/period.entity';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { User } from '../../src/users/user.entity';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeApplication,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { binary, browserSession, http } from '../support/http';
import { visibleText } from '../support/visible-text';
import { TestApp, createTestApp } from '../support/test-app';

type Who = 'admin' | 'coordinator' | 'evaluator' | 'leader';

const KEYS = new Set(Object.keys(id));
/** English sentences of the catalogue that differ from their Indonesian (short words may coincide). */
const ENGLISH = Object.entries(en as Record<string, string>)
  .filter(
    ([key, text]) => text !== (id as Record<string, string>)[key] && text.length >= 24 && !/[{}]/.test(text),
  )
  .map(([, text]) => text);
/** Server messages that reached Indonesian pages in English before they came from the catalogue. */
const KNOWN_ENGLISH = [
  'Workflow lock',
  'required when',
  'required because',
  'may not do this',
  'item(s)',
  'changed by someone else',
  'Change your password',
  'must be one of',
];
const CODES = [
  /\bI(7|18)_[A-Z0-9_]+\b/,
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
  new RegExp(`\\b(${EVIDENCE_KINDS.filter((k) => k.includes('_')).join('|')})\\b`),
  /\b(needs_revision|internal_assessor|self_assessment|document_review)\b/,
  /\b(allUnits|periodId|unitIds|evidenceIds|replacesId|regulatesSplpConnection)\b/,
];

/** Everything on the page that is not Indonesian words: keys, English sentences, codes. */
function problems(text: string): string[] {
  const found: string[] = [];
  for (const token of text.match(/\b[a-z][a-zA-Z]*(\.[a-zA-Z0-9_]+)+\b/g) ?? []) {
    if (KEYS.has(token)) found.push(`key ${token}`);
  }
  for (const sentence of [...ENGLISH, ...KNOWN_ENGLISH])
    if (text.includes(sentence)) found.push(`English "${sentence}"`);
  for (const code of CODES) {
    const match = code.exec(text);
    if (match)
      found.push(`code ${match[0]} in "…${text.slice(Math.max(0, match.index - 60), match.index + 40)}…"`);
  }
  return found;
}

describe('pages and PDFs in Indonesian', () => {
  let t: TestApp;
  let ds: DataSource;
  let period: Period;
  let agency: Agency;
  const users = {} as Record<Who, User>;
  const sessions = {} as Record<Who, { cookie: string; csrf: string }>;
  const ids = {} as Record<'unit' | 'policy' | 'review' | 'evidence' | 'rejected', string>;

  const page = (who: Who, path: string) =>
    http(t.app).get(path).set('Cookie', sessions[who].cookie).set('Accept', 'text/html');
  const api = async (who: Who) => `Bearer ${await issueToken(ds, users[who])}`;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds, { name: 'Kota Bahasa' });
    const unit = await makeUnit(ds, agency, { name: 'Dinas Komunikasi' });
    ids.unit = unit.id;
    await makeApplication(ds, unit, 'spl');
    users.admin = await makeUser(ds, 'admin', null);
    users.coordinator = await makeUser(ds, 'coordinator', agency);
    users.evaluator = await makeUser(ds, 'evaluator', null);
    users.leader = await makeUser(ds, 'leader', agency);
    await assignEvaluator(ds, users.evaluator, agency, period);
    for (const who of Object.keys(users) as Who[])
      sessions[who] = browserSession(t.config.sessionSecret, await issueToken(ds, users[who], 'session'));

    const coordinator = await api('coordinator');
    const base = `/api/v1/agencies/${agency.id}`;
    ids.evidence = (
      await makeEvidence(ds, agency, period, { kind: 'policy_enacted', title: 'Perbup SPL' })
    ).id;
    ids.rejected = (
      await makeEvidence(ds, agency, period, { kind: 'integration_screenshot', title: 'Layar' })
    ).id;
    const policy = await http(t.app)
      .post(`${base}/policies`)
      .set('Authorization', coordinator)
      .send({
        title: 'Peraturan Wali Kota SPL',
        number: '7/2025',
        status: 'draft',
        allUnits: false,
        unitIds: [unit.id],
      })
      .expect(201);
    ids.policy = policy.body.id as string;
    // A change of coded fields, so the history has values to put into words.
    await http(t.app)
      .patch(`${base}/policies/${ids.policy}`)
      .set('Authorization', coordinator)
      .send({
        version: policy.body.version,
        allUnits: true,
        evidenceIds: [ids.evidence],
        legalForm: 'keputusan',
      })
      .expect(200);
    const review = await http(t.app)
      .post(`${base}/reviews`)
      .set('Authorization', coordinator)
      .send({ subject: 'spl', date: '2026-01-15', findings: 'Temuan' })
      .expect(201);
    ids.review = review.body.id as string;
    await http(t.app)
      .post(`${base}/evidence/${ids.rejected}/decision`)
      .set('Authorization', await api('admin'))
      .send({ status: 'rejected', reason: 'Buram' })
      .expect(201);
  });
  afterAll(() => t.close());

  const pages: [Who, string][] = [
    ['coordinator', '/'],
    ['coordinator', '/agencies/:agency'],
    ['coordinator', '/agencies/:agency/units'],
    ['coordinator', '/agencies/:agency/units/:unit'],
    ['coordinator', '/agencies/:agency/applications'],
    ['coordinator', '/agencies/:agency/policies'],
    ['coordinator', '/agencies/:agency/policies/:policy'],
    ['coordinator', '/agencies/:agency/reviews'],
    ['coordinator', '/agencies/:agency/reviews/:review'],
    ['coordinator', '/agencies/:agency/evidence'],
    ['coordinator', '/agencies/:agency/evidence/:rejected'],
    ['coordinator', '/agencies/:agency/periods/2026/indicators/7'],
    ['coordinator', '/agencies/:agency/periods/2026/indicators/18'],
    ['coordinator', '/agencies/:agency/workflow'],
    ['coordinator', '/agencies/:agency/roadmap'],
    ['coordinator', '/inbox'],
    ['coordinator', '/periods'],
    ['evaluator', '/review'],
    ['evaluator', '/review/agencies/:agency'],
    ['admin', '/users'],
    ['leader', '/reports'],
  ];

  const fill = (path: string) =>
    path.replace(/:(agency|unit|policy|review|rejected)\b/g, (_m, name: string) =>
      name === 'agency' ? agency.id : ids[name as keyof typeof ids],
    );

  it.each(pages)('shows the %s no catalogue key, English message or code on %s', async (who, path) => {
    const res = await page(who, fill(path));
    expect(res.status).toBe(200);
    expect(problems(visibleText(res.text))).toEqual([]);
  });

  it('names the rejected item as rejected in the inbox, not as returned for revision', async () => {
    const text = visibleText((await page('coordinator', '/inbox').expect(200)).text);
    expect(text).toContain('Bukti "Layar" ditolak');
    expect(text).not.toContain('dikembalikan untuk perbaikan');
  });

  it('puts the history of a policy into words', async () => {
    const text = visibleText(
      (await page('coordinator', `/agencies/${agency.id}/policies/${ids.policy}`).expect(200)).text,
    );
    expect(text).toContain('Semua unit: Tidak → Ya');
    expect(text).toContain('Unit kerja: Dinas Komunikasi → –');
    expect(text).toContain('Bukti dukung: – → "Perbup SPL"');
    expect(text).not.toContain('butir');
    expect(text).toContain('Bentuk hukum: Peraturan → Keputusan');
    expect(text).toContain('Status: → Draf');
  });

  it('shows an Indonesian refusal on a page, and the API answers in the language asked for', async () => {
    const res = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence/${ids.evidence}/decision`)
      .set('Authorization', await api('coordinator'))
      .send({ status: 'accepted' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'msg.access.role_refused' });
    expect(res.body.message).toBe('Peran Anda (Koordinator) tidak berhak melakukan ini.');
    const english = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence/${ids.evidence}/decision?lang=en`)
      .set('Authorization', await api('coordinator'))
      .send({ status: 'accepted' });
    expect(english.body.message).toBe('Your role (Coordinator) may not do this.');
    expect(english.body.details).toEqual({ role: 'coordinator', permission: expect.any(String) });
  });

  it('writes the leader PDF in Indonesian words and numbers', async () => {
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/reports/summary.pdf`)
      .set('Authorization', await api('leader'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfPageTexts(res.body as Buffer)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('bobot 1,3%');
    expect(problems(text)).toEqual([]);
  });
});
