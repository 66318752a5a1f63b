import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeEvidence,
  makeIntegration,
  makePeriod,
  makeReview,
  makeUser,
} from '../factories';
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

  it('lists the evidence to tick one item a line: its title as the box’s label, then kind, date and status in words', async () => {
    const res = await get('coordinator', page('I1')).expect(200);
    const picker = /<fieldset id="pemdi-evidence-picker"[\s\S]*?<\/fieldset>/.exec(res.text)?.[0] ?? '';
    expect(picker).toMatch(new RegExp(`<input type="checkbox" id="pemdi-ev-${item.id}"[^>]*>`));
    expect(picker).toContain(`<label for="pemdi-ev-${item.id}">Peta Rencana SPBE Kota</label>`);
    const meta = new RegExp(`id="pemdi-ev-${item.id}-meta">([^<]*)<`).exec(picker)?.[1];
    expect(meta).toBe('Daftar API · tanggal dokumen 1 Maret 2026 · Diajukan');
    const en = await get('coordinator', `${page('I1')}?lang=en`).expect(200);
    expect(en.text).toContain('API list · document date 1 March 2026 · Submitted');
  });

  it('numbers the criteria once, and shows levels met above an unmet lower one as held back, not achieved', async () => {
    // No evidence of level 1, but an SPL review, an integration and a follow-up: levels 4 and 5
    // hold on their own while the supported level is 0.
    const held = await makeAgency(ds, { name: 'Kota Tertahan' });
    const evidence = async (kind: string) =>
      (await makeEvidence(ds, held, period, { kind: kind as never, indicators: [16] })).id;
    const { review, followUps } = await makeReview(ds, held, { subject: 'spl', date: '2026-02-01' });
    await ds.query('UPDATE follow_up SET status = $2 WHERE id = $1', [followUps[0].id, 'done']);
    await ds.query('INSERT INTO review_evidence (review_id, evidence_id) VALUES ($1, $2)', [
      review.id,
      await evidence('review_report'),
    ]);
    for (const kind of ['follow_up_report', 'before_after'])
      await ds.query('INSERT INTO follow_up_evidence (follow_up_id, evidence_id) VALUES ($1, $2)', [
        followUps[0].id,
        await evidence(kind),
      ]);
    const integration = await makeIntegration(ds, held, { withTarget: 'other_spl' });
    await ds.query('INSERT INTO integration_evidence (integration_id, evidence_id) VALUES ($1, $2)', [
      integration.id,
      await evidence('sop'),
    ]);
    const res = await get('admin', `/agencies/${held.id}/periods/2026/pemdi/I16`).expect(200);
    const list = /<ul class="criteria" id="pemdi-criteria">[\s\S]*?<\/ul>/.exec(res.text)?.[0] ?? '';
    const items = [...list.matchAll(/<li class="(\w+)" id="level-(\d)"[\s\S]*?<\/li>/g)];
    expect(items.map((m) => [m[2], m[1]])).toEqual([
      ['1', 'unmet'],
      ['2', 'unmet'],
      ['3', 'unmet'],
      ['4', 'held'],
      ['5', 'held'],
    ]);
    // The badge is the level's only number: no "4." in the text, no ✓ beside a level not reached.
    expect(list).not.toMatch(/>\s*\d\.\s/);
    expect(list).not.toContain('✓');
    expect(items[3][0]).toContain('terpenuhi tetapi tertahan level di bawahnya');
    expect(items[0][0]).toContain('belum terpenuhi');
  });

  it('heads the pages with the framework’s name and version, not the SPBE criteria edition or codes', async () => {
    const dashboard = await get('coordinator', `/agencies/${agency.id}?year=2026`).expect(200);
    const indicator = await get('coordinator', page('I16')).expect(200);
    for (const res of [dashboard, indicator]) {
      expect(res.text).not.toContain('edisi kriteria');
      expect(res.text).toContain(
        'Periode 2026 · Evaluasi Kinerja Pemerintah Digital (PermenPANRB 8/2026) · versi 2026.1',
      );
      expect(res.text).not.toContain('pemdi-2026 2026.1');
    }
    expect(/<h1>([^<]*)<\/h1>/.exec(indicator.text)?.[1]).toBe('Indikator 16 Integrasi Aplikasi');
    expect(dashboard.text).not.toMatch(/<code>I\d+<\/code>/);
    const en = await get('coordinator', `${page('I16')}?lang=en`).expect(200);
    expect(en.text).toContain('Period 2026 · Digital Government Performance Evaluation');
    expect(/<h1>([^<]*)<\/h1>/.exec(en.text)?.[1]).toBe('Indicator 16 Application Integration');
  });

  it('offers the package’s indicators in the evidence upload form', async () => {
    const res = await get('coordinator', `/agencies/${agency.id}/evidence?year=2026`).expect(200);
    const select = /<select id="indicators"[\s\S]*?<\/select>/.exec(res.text)?.[0] ?? '';
    expect(select.match(/<option /g)).toHaveLength(20);
    expect(select).toContain('>16 – Integrasi Aplikasi<');
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
    // The field is named by its label, not by its request name ("value").
    expect(/id="external-error">([^<]*)</.exec(refused.text)?.[1]).toMatch(
      /^Nilai \(1 sampai 5[^:]*: nilai 1 sampai 5/,
    );
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

  it('offers no claim form once the agency submitted, even for an indicator never claimed, and says why', async () => {
    const other = await makeAgency(ds, { name: 'Kota Sudah Kirim' });
    const coordinator = await makeUser(ds, 'coordinator', other);
    const session = browserSession(t.config.sessionSecret, await issueToken(ds, coordinator, 'session'));
    await ds.query(
      `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
       VALUES ($1, $2, $3, 'x', '{}')`,
      [other.id, period.id, coordinator.id],
    );
    const res = await http(t.app)
      .get(`/agencies/${other.id}/periods/2026/pemdi/I2`)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .expect(200);
    expect(res.text).not.toContain('id="pemdi-claim-form"');
    expect(/id="claim-closed">([^<]*)</.exec(res.text)?.[1]).toBe(
      'Nilai mandiri sudah dikirim dan tidak dapat diubah lagi (tahapan Penilaian mandiri).',
    );
    expect(/id="claim-read-only">([\s\S]*?)<\/p>/.exec(res.text)?.[1]).toContain('Belum ada nilai mandiri.');
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
    const pages = await pdfPageTexts(pdf.body as Buffer);
    const text = pages.join('\n');
    // The index column is headed "Indeks Pemdi" (wrapped over two lines in the table head).
    expect(text).toMatch(/Indeks\s+Pemdi\s+Predikat/);
    expect(text).toMatch(/Kota Pemdi Halaman[\s\S]*2,96[\s\S]*Baik/);
    // The cover charts the package's levels and predicates, not SPBE Indicators 7 and 18.
    const cover = pages[0];
    expect(cover).toContain('Rekapitulasi Indeks Pemerintah Digital Tahun 2026');
    expect(cover).toContain('Sebaran level indikator');
    expect(cover).toContain('Sebaran predikat Indeks Pemdi');
    expect(cover).toContain('Belum lengkap');
    expect(cover).not.toMatch(/\bI7\b|\bI18\b|Indikator 7|Indikator 18/);
    expect(text).not.toContain('Indikator 7 dan 18');
  });
});
