import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
import { Unit } from '../../src/units/unit.entity';
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
import ExcelJS from 'exceljs';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { binary, http } from '../support/http';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The levels of the hand computation: claims (validated where the evaluator decided otherwise)
 * and the external values. Weights of PermenPANRB 8/2026 as in pemdi-2026.yaml.
 */
const CLAIMS: Record<number, number> = {
  1: 3,
  2: 3,
  3: 2,
  4: 4,
  8: 3,
  9: 2,
  10: 3,
  11: 1,
  12: 3,
  13: 4,
  14: 3,
  15: 2,
  16: 3,
  17: 4,
  19: 4,
  20: 4,
};
const VALIDATED: Record<number, number> = { 16: 2, 20: 3 };
const EXTERNAL: Record<number, number> = { 5: 3.25, 6: 2, 7: 4, 18: 3.5 };
/**
 * Σ weight × level: I1 5×3 + I2 5×3 + I3 5×2 + I4 5×4 + I5 5×3.25 + I6 3×2 + I7 3×4 + I8 4×3
 * + I9 4×2 + I10 4×3 + I11 3×1 + I12 4×3 + I13 5×4 + I14 5×3 + I15 4×2 + I16 4×2 (validated)
 * + I17 4×4 + I18 3×3.5 + I19 10×4 + I20 15×3 (validated) = 303.75; ÷ 100 = 3.0375 → 3.04, Baik
 * (2.50 to below 3.50). Aspect 3 (Data): (16.25 + 6 + 12 + 12) ÷ 15 = 3.0833 → 3.08;
 * aspect 7: (40 + 45) ÷ 25 = 3.40.
 */
const HAND_INDEX = 3.0375;

interface IndexView {
  framework: { id: string; version: string; hash: string };
  index: {
    index: number | null;
    display: string | null;
    predicate: { id: string; en: string } | null;
    complete: boolean;
    missing: string[];
    aspects: Record<string, { display: string | null }>;
  };
  aspects: {
    code: string;
    indicators: {
      code: string;
      mode: string;
      claimed: number | null;
      validated: number | null;
      supported: number | null;
      levelDisplay: string | null;
      level: { from: string | null };
      provisional: { source: { id: string } } | null;
      external: { value: string; source: string; sourceUrl: string | null; sourceDate: string } | null;
      evidenceIds: string[];
    }[];
  }[];
}

describe('a period on the Pemdi 2026 framework', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let period: Period;
  let units: Unit[];
  const auth = {} as Record<'admin' | 'coordinator' | 'evaluator' | 'leader', string>;
  const evidence: Record<number, string> = {};
  const api = (path: string) => `/api/v1/agencies/${agency.id}/periods/2026${path}`;
  const as = (who: keyof typeof auth) => ({ Authorization: auth[who] });
  const view = async () =>
    (await http(t.app).get(api('/framework-index')).set(as('leader')).expect(200)).body as IndexView;
  const indicator = (v: IndexView, code: string) =>
    v.aspects.flatMap((a) => a.indicators).find((i) => i.code === code)!;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    agency = await makeAgency(ds);
    period = await makePeriod(ds, { year: 2026 });
    units = [await makeUnit(ds, agency), await makeUnit(ds, agency)];
    for (const unit of units) await makeApplication(ds, unit, 'spl');
    auth.admin = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
    auth.coordinator = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency))}`;
    auth.leader = `Bearer ${await issueToken(ds, await makeUser(ds, 'leader', agency))}`;
    const evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, evaluator, agency, period);
    auth.evaluator = `Bearer ${await issueToken(ds, evaluator)}`;
  });
  afterAll(() => t.close());

  it('is switched to pemdi-2026 through the period settings, and an SPBE period has no Pemdi index', async () => {
    await http(t.app).get(api('/framework-index')).set(as('leader')).expect(404);
    const { version } = (await http(t.app).get('/api/v1/periods/2026').set(as('admin')).expect(200)).body as {
      version: number;
    };
    await http(t.app)
      .patch('/api/v1/periods/2026')
      .set(as('admin'))
      .send({ version, frameworkVersion: 'pemdi-2026' })
      .expect(200);
    const v = await view();
    expect(v.framework).toMatchObject({ id: 'pemdi-2026', version: '2026.1' });
    expect(v.aspects.map((a) => a.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7']);
    expect(v.index).toMatchObject({ index: null, predicate: null, complete: false });
    expect(v.index.missing).toHaveLength(20);
    // I16's texts and criteria are provisional, with their source.
    expect(indicator(v, 'I16').provisional?.source.id).toMatch(/tidak resmi/);
  });

  it('takes evidence tagged with Pemdi indicators, and refuses SPBE-only numbers it does not have', async () => {
    const created = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence`)
      .set(as('coordinator'))
      .field('kind', 'api_list')
      .field('title', 'Katalog API integrasi')
      .field('documentDate', '2026-03-01')
      .field('indicators', '16')
      .field('allUnits', 'true')
      .field('status', 'submitted')
      .field('url', 'https://contoh.go.id/katalog-api')
      .field('capturedAt', '2026-03-01')
      .expect(201);
    evidence[16] = (created.body as { id: string }).id;
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence`)
      .set(as('coordinator'))
      .field('kind', 'api_list')
      .field('title', 'Bukti nomor salah')
      .field('documentDate', '2026-03-01')
      .field('indicators', '21')
      .field('url', 'https://contoh.go.id/x')
      .field('capturedAt', '2026-03-01')
      .expect(400);
    for (const n of Object.keys(CLAIMS)
      .map(Number)
      .filter((n) => n !== 16))
      evidence[n] = (
        await makeEvidence(ds, agency, period, { indicators: [n], kind: 'operating_documentation' })
      ).id;
    // The engine scores I16 from the facts (evidence of I16 covering every unit, applications via the SPL).
    expect(indicator(await view(), 'I16').supported).toBeGreaterThanOrEqual(1);
  });

  it('refuses claims of an externally scored indicator, off the 1–5 scale, or without evidence', async () => {
    const claim = (n: number, body: object) =>
      http(t.app)
        .put(api(`/assessments/${n}`))
        .set(as('coordinator'))
        .send(body);
    const refused = await claim(5, {
      claimedLevel: 3,
      justification: 'x',
      evidenceIds: [evidence[1]],
    }).expect(400);
    expect(refused.body.code).toBe('msg.pemdi.not_claimable');
    expect(
      (await claim(1, { claimedLevel: 0, justification: 'x', evidenceIds: [evidence[1]] }).expect(400)).body
        .code,
    ).toBe('msg.pemdi.level_range');
    expect((await claim(1, { claimedLevel: 3, justification: 'x' }).expect(400)).body.code).toBe(
      'msg.pemdi.evidence_required',
    );
    const stranger = await makeAgency(ds);
    const foreign = await makeEvidence(ds, stranger, period, { indicators: [1] });
    await claim(1, { claimedLevel: 3, justification: 'x', evidenceIds: [foreign.id] }).expect(400);
  });

  it('records each claim with its evidence through the writer (version check, history, audit)', async () => {
    for (const [n, level] of Object.entries(CLAIMS))
      await http(t.app)
        .put(api(`/assessments/${n}`))
        .set(as('coordinator'))
        .send({ claimedLevel: level, justification: `Dasar klaim I${n}`, evidenceIds: [evidence[Number(n)]] })
        .expect(204);
    const v = await view();
    expect(indicator(v, 'I1')).toMatchObject({
      claimed: 3,
      evidenceIds: [evidence[1]],
      level: { from: 'claimed' },
    });
    // A stale version is refused; the current one changes the claim.
    const i1 = (await http(t.app).get(api('/framework-index')).set(as('coordinator')).expect(200))
      .body as IndexView;
    const version = (i1.aspects[0].indicators[0] as unknown as { version: number }).version;
    const stale = await http(t.app)
      .put(api('/assessments/1'))
      .set(as('coordinator'))
      .send({ claimedLevel: 3, justification: 'lagi', evidenceIds: [evidence[1]], version: version + 5 })
      .expect(409);
    expect(stale.body.code).toBe('msg.conflict.version');
    const audit: { n: string }[] = await ds.query(
      `SELECT count(*)::text AS n FROM audit_log WHERE action = 'assessment.claimed' AND agency_id = $1`,
      [agency.id],
    );
    expect(Number(audit[0].n)).toBe(Object.keys(CLAIMS).length);
    const changes: { n: string }[] = await ds.query(
      `SELECT count(*)::text AS n FROM change_log WHERE entity_type = 'assessment' AND agency_id = $1`,
      [agency.id],
    );
    expect(Number(changes[0].n)).toBe(Object.keys(CLAIMS).length);
    // Still incomplete: the four externally scored indicators have no value yet.
    expect(v.index).toMatchObject({ index: null, complete: false, missing: ['I5', 'I6', 'I7', 'I18'] });
  });

  it('takes the external values from an admin only, with their source and date', async () => {
    const body = (n: number) => ({
      value: EXTERNAL[n],
      source: `Indeks nasional untuk I${n} (instansi pembina)`,
      sourceUrl: `https://indeks.go.id/2026/i${n}`,
      sourceDate: '2026-11-30',
    });
    await http(t.app).put(api('/external-values/5')).set(as('coordinator')).send(body(5)).expect(403);
    expect(
      (await http(t.app).put(api('/external-values/1')).set(as('admin')).send(body(5)).expect(400)).body.code,
    ).toBe('msg.pemdi.not_external');
    await http(t.app)
      .put(api('/external-values/5'))
      .set(as('admin'))
      .send({ ...body(5), value: 5.5 })
      .expect(400);
    for (const n of Object.keys(EXTERNAL).map(Number))
      await http(t.app)
        .put(api(`/external-values/${n}`))
        .set(as('admin'))
        .send(body(n))
        .expect(200);
    const i5 = indicator(await view(), 'I5');
    expect(i5).toMatchObject({
      levelDisplay: '3.25',
      level: { from: 'external' },
      external: { value: '3.25', sourceUrl: 'https://indeks.go.id/2026/i5', sourceDate: '2026-11-30' },
    });
  });

  it('after submission and the evaluator’s validation, the index and predicate equal the hand computation', async () => {
    await http(t.app)
      .post(api('/submission'))
      .set(as('coordinator'))
      .send({ acknowledgeWarnings: true })
      .expect(201);
    const current = await http(t.app).get('/api/v1/periods/2026').set(as('admin')).expect(200);
    await http(t.app)
      .put('/api/v1/periods/2026/stage')
      .set(as('admin'))
      .send({ stage: 'document_review', version: current.body.version })
      .expect(200);
    // A level other than the claim needs a note; a level off the scale is refused.
    const noNote = await http(t.app)
      .put(api('/assessments/20/validation'))
      .set(as('evaluator'))
      .send({ validatedLevel: 3 })
      .expect(400);
    expect(noNote.body.code).toBe('msg.pemdi.note_required');
    await http(t.app)
      .put(api('/assessments/20/validation'))
      .set(as('evaluator'))
      .send({ validatedLevel: 0, note: 'x' })
      .expect(400);
    for (const [n, level] of Object.entries(VALIDATED))
      await http(t.app)
        .put(api(`/assessments/${n}/validation`))
        .set(as('evaluator'))
        .send({ validatedLevel: level, note: 'Bukti belum mencakup semua layanan prioritas.' })
        .expect(200);
    const v = await view();
    expect(v.index.complete).toBe(true);
    expect(v.index.missing).toEqual([]);
    expect(v.index.index).toBeCloseTo(HAND_INDEX, 10);
    expect(v.index.display).toBe('3.04');
    expect(v.index.predicate).toEqual({ id: 'Baik', en: 'Developing' });
    expect(v.index.aspects.A3.display).toBe('3.08');
    expect(v.index.aspects.A7.display).toBe('3.40');
    expect(indicator(v, 'I20')).toMatchObject({ claimed: 4, validated: 3, level: { from: 'validated' } });
    // Stored with the period's levels and the package hash.
    const stored: { index: string; predicate: string; complete: boolean; package_hash: string }[] =
      await ds.query(
        'SELECT index::text AS index, predicate, complete, package_hash FROM framework_index_result WHERE agency_id = $1',
        [agency.id],
      );
    expect(stored[0]).toMatchObject({ index: '3.040000', complete: true, package_hash: v.framework.hash });
    expect(JSON.parse(stored[0].predicate)).toEqual({ id: 'Baik', en: 'Developing' });
  });

  it('shows the aspects, levels, index and predicate on the dashboard, and I16’s criteria as sementara with their source', async () => {
    const page = await http(t.app).get(`/agencies/${agency.id}?year=2026`).set(as('leader')).expect(200);
    expect(page.text).toContain('Indeks Pemerintah Digital (Indeks Pemdi)');
    expect(page.text).toMatch(/id="pemdi-index">3,04</);
    expect(page.text).toMatch(/id="pemdi-predicate">Baik</);
    expect(page.text).toContain('Kepuasan Pengguna Layanan Digital');
    expect(page.text).toContain('Sementara');
    expect(page.text).toContain('Satu sumber tidak resmi tentang PermenPANRB 8/2026');
    const i16 = await http(t.app)
      .get(`/agencies/${agency.id}/periods/2026/pemdi/I16`)
      .set(as('leader'))
      .expect(200);
    expect(i16.text).toContain('Integrasi Aplikasi');
    expect(i16.text).toContain('id="pemdi-provisional"');
    expect(i16.text).toContain('Katalog API integrasi');
    expect(i16.text).toContain('Integrasi melalui API atau service bus untuk sebagian aplikasi.');
    const i5 = await http(t.app)
      .get(`/agencies/${agency.id}/periods/2026/pemdi/I5`)
      .set(as('leader'))
      .expect(200);
    expect(i5.text).toContain('https://indeks.go.id/2026/i5');
    await http(t.app).get(`/agencies/${agency.id}/periods/2026/pemdi/I99`).set(as('leader')).expect(404);
  });

  it('puts the Indeks Pemdi and its predicate in the PDF, the XLSX and the national table', async () => {
    const get = (path: string) =>
      http(t.app).get(path).set(as('leader')).buffer(true).parse(binary).expect(200);
    const pdf = await get(api('/reports/summary.pdf'));
    const text = (await pdfPageTexts(pdf.body as Buffer)).join('\n');
    expect(text).toContain('Indeks Pemerintah Digital (Indeks Pemdi)');
    expect(text).toMatch(/Indeks Pemdi: 3,04 · Baik/);
    expect(text).toContain('Sementara');
    const xlsx = await get(api('/reports/summary.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = wb.getWorksheet('Indeks Pemdi')!;
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['Indeks Pemdi', '3,04', 'Baik']));
    const national = await http(t.app).get('/agencies?year=2026').set(as('admin')).expect(200);
    expect(national.text).toMatch(/class="pemdi-index">3,04</);
    expect(national.text).toMatch(/class="pemdi-predicate">Baik</);
  });
});
