import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
import { assignEvaluator, issueToken, makeAgency, makeEvidence, makePeriod, makeUser } from '../factories';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { binary, browserSession, http } from '../support/http';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A Pemdi 2026 period in the browser's forms: the coordinator claims an indicator with the
 * evidence it rests on, the evaluator validates it on the review page, the administrator enters
 * an externally scored value; each refusal shows the form again with what was entered.
 */
describe('the pages of a Pemdi period', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let period: Period;
  const cookie = {} as Record<'admin' | 'coordinator' | 'evaluator', { cookie: string; csrf: string }>;
  let item: { id: string; title: string };
  const page = (code: string) => `/agencies/${agency.id}/periods/2026/pemdi/${code}`;
  const post = (who: keyof typeof cookie, path: string, fields: Record<string, string | string[]>) =>
    http(t.app)
      .post(path)
      .set('Cookie', cookie[who].cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: cookie[who].csrf, ...fields });
  const get = (who: keyof typeof cookie, path: string) =>
    http(t.app).get(path).set('Cookie', cookie[who].cookie).set('Accept', 'text/html');
  const index = async () =>
    (
      await http(t.app)
        .get(`/api/v1/agencies/${agency.id}/periods/2026/framework-index`)
        .set('Authorization', `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`)
        .expect(200)
    ).body as {
      aspects: {
        indicators: {
          code: string;
          claimed: number | null;
          validated: number | null;
          evidenceIds: string[];
          external: { value: string; source: string } | null;
        }[];
      }[];
    };
  const row = async (code: string) =>
    (await index()).aspects.flatMap((a) => a.indicators).find((i) => i.code === code)!;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    agency = await makeAgency(ds, { name: 'Kota Pemdi Halaman' });
    period = await makePeriod(ds, { year: 2026, frameworkVersion: 'pemdi-2026' });
    const session = async (user: Parameters<typeof issueToken>[1]) =>
      browserSession(t.config.sessionSecret, await issueToken(ds, user, 'session'));
    cookie.admin = await session(await makeUser(ds, 'admin', null));
    cookie.coordinator = await session(await makeUser(ds, 'coordinator', agency));
    const evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, evaluator, agency, period);
    cookie.evaluator = await session(evaluator);
    item = await makeEvidence(ds, agency, period, { title: 'Peta Rencana SPBE Kota', indicators: [1] });
  });
  afterAll(() => t.close());

  it('offers the coordinator a claim form with the agency’s items by title', async () => {
    const res = await get('coordinator', page('I1')).expect(200);
    expect(res.text).toContain('id="pemdi-claim-form"');
    expect(res.text).toContain(`value="${item.id}"`);
    expect(res.text).toContain('Peta Rencana SPBE Kota');
    // An externally scored indicator has no claim form, and the coordinator no value form.
    const external = await get('coordinator', page('I5')).expect(200);
    expect(external.text).not.toContain('id="pemdi-claim-form"');
    expect(external.text).not.toContain('id="pemdi-external-form"');
  });

  it('offers the package’s indicators in the evidence upload form', async () => {
    const res = await get('coordinator', `/agencies/${agency.id}/evidence?year=2026`).expect(200);
    const select = /<select id="indicators"[\s\S]*?<\/select>/.exec(res.text)?.[0] ?? '';
    expect(select.match(/<option /g)).toHaveLength(20);
    expect(select).toContain('I16 –');
    expect(select).not.toContain('value="21"');
  });

  it('refuses a claim without evidence and shows the form again with the level and text entered', async () => {
    const res = await post('coordinator', page('I1'), {
      claimedLevel: '4',
      justification: 'Alasan tetap I1',
    });
    expect(res.status).toBe(400);
    expect(/id="claim-error">([^<]*)</.exec(res.text)?.[1]).toMatch(/bukti dukung/i);
    expect(res.text).toContain('Alasan tetap I1');
    expect(res.text).toMatch(/<option value="4" selected>/);
    expect((await row('I1')).claimed).toBeNull();
  });

  it('stores a claim with its evidence and the index is computed again', async () => {
    const res = await post('coordinator', page('I1'), {
      claimedLevel: '3',
      justification: 'Peta rencana disahkan',
      evidenceIds: [item.id],
    }).expect(303);
    expect(res.headers.location).toBe(`${page('I1')}?saved=1`);
    expect(await row('I1')).toMatchObject({ claimed: 3, evidenceIds: [item.id] });
    const shown = await get('coordinator', `${page('I1')}?saved=1`).expect(200);
    expect(shown.text).toContain('id="page-notice"');
    expect(/id="pemdi-indicator-level">([^<]*)</.exec(shown.text)?.[1]).toBe('3');
    expect(shown.text).toMatch(new RegExp(`value="${item.id}" checked`));
  });

  it('takes an external value from the administrator, written with a decimal comma', async () => {
    const form = await get('admin', page('I5')).expect(200);
    expect(form.text).toContain('id="pemdi-external-form"');
    const refused = await post('admin', `${page('I5')}/external`, {
      value: '7,5',
      source: 'Indeks Satu Data 2026',
      sourceDate: '2026-11-30',
    });
    expect(refused.status).toBe(400);
    expect(/id="external-error">([^<]*)</.exec(refused.text)?.[1]).toMatch(/value: /);
    expect(refused.text).toContain('value="Indeks Satu Data 2026"');
    await post('admin', `${page('I5')}/external`, {
      value: '3,25',
      source: 'Indeks Satu Data 2026',
      sourceUrl: 'https://data.go.id/indeks/2026',
      sourceDate: '2026-11-30',
    }).expect(303);
    expect((await row('I5')).external).toMatchObject({ value: '3.25', source: 'Indeks Satu Data 2026' });
    const shown = await get('admin', page('I5')).expect(200);
    expect(/id="pemdi-external">([^·]*)/.exec(shown.text)?.[1].trim()).toBe('3,25');
  });

  it('closes the claim form after submission, and the evaluator validates on the review page', async () => {
    const bearer = async (role: 'admin' | 'coordinator') =>
      `Bearer ${await issueToken(ds, await makeUser(ds, role, role === 'admin' ? null : agency))}`;
    const coordinator = await bearer('coordinator');
    // Submission needs a claim of every indicator the agency claims.
    for (const n of [2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20])
      await http(t.app)
        .put(`/api/v1/agencies/${agency.id}/periods/2026/assessments/${n}`)
        .set('Authorization', coordinator)
        .send({ claimedLevel: 3, justification: `Dasar I${n}`, evidenceIds: [item.id] })
        .expect(204);
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/periods/2026/submission`)
      .set('Authorization', coordinator)
      .send({ acknowledgeWarnings: true })
      .expect(201);
    const admin = await bearer('admin');
    const current = await http(t.app).get('/api/v1/periods/2026').set('Authorization', admin).expect(200);
    await http(t.app)
      .put('/api/v1/periods/2026/stage')
      .set('Authorization', admin)
      .send({ stage: 'document_review', version: (current.body as { version: number }).version })
      .expect(200);
    const closed = await get('coordinator', page('I1')).expect(200);
    expect(closed.text).not.toContain('id="pemdi-claim-form"');
    expect(closed.text).toContain('id="claim-closed"');

    const review = `/review/agencies/${agency.id}?year=2026`;
    const shown = await get('evaluator', review).expect(200);
    expect(shown.text).toContain('id="indicator-1"');
    expect(shown.text).toContain('Tata Kelola Pemerintah Digital');
    // Externally scored indicators are not the evaluator's to validate.
    expect(shown.text).not.toContain('id="indicator-5"');
    const form = { indicator: '1', year: '2026', validatedLevel: '2' };
    const refused = await post('evaluator', review, { ...form, note: '' });
    expect(refused.status).toBe(400);
    expect(/id="form-error">([^<]*)</.exec(refused.text)?.[1]).toMatch(/berbeda dari nilai mandiri \(3\)/);
    expect(refused.text).toMatch(/<option value="2" selected>2<\/option>/);
    await post('evaluator', review, { ...form, note: 'Peta rencana belum disahkan kepala daerah.' }).expect(
      303,
    );
    expect(await row('I1')).toMatchObject({ claimed: 3, validated: 2 });
    const after = await get('coordinator', page('I1')).expect(200);
    expect(/id="pemdi-indicator-level">([^<]*)</.exec(after.text)?.[1]).toBe('2');
  });

  it('shows the Indeks Pemdi and predicate in the roll-up PDF', async () => {
    const admin = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
    for (const n of [6, 7, 18])
      await http(t.app)
        .put(`/api/v1/agencies/${agency.id}/periods/2026/external-values/${n}`)
        .set('Authorization', admin)
        .send({ value: 3, source: 'Indeks nasional 2026', sourceDate: '2026-11-30' })
        .expect(200);
    // Σ weight × level ÷ 100: every level 3 but I1 validated 2 (weight 5) and I5 3.25 (weight 5):
    // (300 − 5 + 1.25) ÷ 100 = 2.9625 → 2,96, Baik.
    const pdf = await http(t.app)
      .get('/api/v1/periods/2026/reports/rollup.pdf')
      .set('Authorization', admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfPageTexts(pdf.body as Buffer)).join('\n');
    // The index column is headed "Indeks Pemdi" (wrapped over two lines in the table head).
    expect(text).toMatch(/Indeks\s+Pemdi\s+Predikat/);
    expect(text).toMatch(/Kota Pemdi Halaman[\s\S]*2,96[\s\S]*Baik/);
  });
});
