import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { Agency } from '../../src/agencies/agency.entity';
import type { FrameworkPackage } from '../../src/framework/framework-package.zod';
import { issueToken, makeAgency, makePeriod, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { createTestApp, TestApp } from '../support/test-app';

const PEMDI = readFileSync(join(__dirname, '..', '..', 'src', 'framework', 'pemdi-2026.yaml'), 'utf8');
const SPBE = readFileSync(join(__dirname, '..', '..', 'src', 'framework', 'spbe-2020.yaml'), 'utf8');

type Assessed = { criteria: Record<string, { evidence: { kinds: string[] }[] }[]> };

/** A new SPBE version whose package is sound but whose scoring rules the engine refuses. */
function spbeOfferingSplpOnboarding(): string {
  const data = parse(SPBE) as { version: string; assessment: Record<string, Assessed> };
  data.version = '2020.9';
  // Edition B counts no integration with the SPLP, so SPLP onboarding evidence would never count.
  data.assessment.splUse.criteria.B[3].evidence[0].kinds = ['INTEGRATION', 'INTEGRATION_SPLP'];
  return JSON.stringify(data);
}
const SPLP_PATH = '$.assessment.splUse.criteria.B[3].evidence[0].kinds[1]';

/** Version 2026.2 of the Pemdi package: the I16 level texts now official (verbatim). */
function pemdiOfficialI16(): string {
  const data = parse(PEMDI) as FrameworkPackage;
  data.version = '2026.2';
  data.sources['permenpanrb-8-2026'] = {
    id: 'Lampiran PermenPANRB 8/2026 (teks resmi)',
    en: 'Appendix of PermenPANRB 8/2026 (official text)',
  };
  const i16 = data.aspects![5].indicators[1];
  i16.levels = i16.levels!.map((l) => ({
    level: l.level,
    text: {
      id: `Teks resmi level ${l.level} Integrasi Aplikasi`,
      en: `Official level ${l.level} text of Application Integration`,
      source: 'permenpanrb-8-2026',
      form: 'verbatim' as const,
    },
  }));
  i16.evidence = { ...i16.evidence!, source: 'permenpanrb-8-2026', form: 'verbatim' };
  return JSON.stringify(data);
}

describe('framework packages (API, pages, period choice)', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let adminAuth: string;
  let leaderAuth: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    agency = await makeAgency(ds);
    await makePeriod(ds, { year: 2025 });
    await makePeriod(ds, { year: 2026 });
    await makePeriod(ds, { year: 2027 });
    adminAuth = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
    leaderAuth = `Bearer ${await issueToken(ds, await makeUser(ds, 'leader', agency))}`;
  });
  afterAll(() => t.close());

  it('lists the shipped packages with their sources, provisional parts and the periods using them', async () => {
    const res = await http(t.app).get('/api/v1/frameworks').set('Authorization', leaderAuth).expect(200);
    const byId = Object.fromEntries(
      (res.body as { id: string; sources: { key: string }[] }[]).map((p) => [p.id, p]),
    );
    expect(byId['spbe-2020']).toMatchObject({
      version: '2020.1',
      shipped: true,
      provisional: [],
      periods: expect.arrayContaining([expect.objectContaining({ year: 2025 })]),
    });
    expect(byId['pemdi-2026']).toMatchObject({
      version: '2026.1',
      shipped: true,
      provisional: expect.arrayContaining(['structure', 'I16', 'crosswalk']),
      periods: [],
    });
    expect(byId['pemdi-2026'].sources.map((s) => s.key)).toContain('pemdi-unofficial');
  });

  it('refuses an import by anyone but an admin', async () => {
    await http(t.app)
      .post('/api/v1/frameworks')
      .set('Authorization', leaderAuth)
      .send({ content: pemdiOfficialI16() })
      .expect(403);
  });

  it('refuses an invalid package with every problem and its JSON path, and stores nothing', async () => {
    const data = parse(PEMDI) as FrameworkPackage;
    data.version = '2026.9';
    data.aspects![6].indicators[1].weight = '14';
    data.crosswalk![1].to = 'I77';
    const res = await http(t.app)
      .post('/api/v1/frameworks')
      .set('Authorization', adminAuth)
      .send({ content: JSON.stringify(data) })
      .expect(400);
    // The message joins the problems; `details` lists them one by one with their JSON path.
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details).toEqual([
      {
        field: '$.aspects[6].weight',
        code: 'msg.package.problem',
        message: '$.aspects[6].weight: bobot aspek harus sama dengan jumlah bobot indikatornya (24)',
      },
      {
        field: '$.aspects',
        code: 'msg.package.problem',
        message: '$.aspects: jumlah bobot indikator harus 100 (ditemukan 99)',
      },
      {
        field: '$.crosswalk[1].to',
        code: 'msg.package.problem',
        message: '$.crosswalk[1].to: indikator I77 tidak ada dalam paket ini',
      },
    ]);
    const english = await http(t.app)
      .post('/api/v1/frameworks?lang=en')
      .set('Authorization', adminAuth)
      .send({ content: JSON.stringify(data) })
      .expect(400);
    expect(english.body.details.map((d: { message: string }) => d.message)).toEqual([
      '$.aspects[6].weight: aspect weight must equal the sum of its indicator weights (24)',
      '$.aspects: indicator weights must sum to 100 (found 99)',
      '$.crosswalk[1].to: indicator I77 is not in this package',
    ]);
    const list = await http(t.app).get('/api/v1/frameworks').set('Authorization', adminAuth).expect(200);
    expect((list.body as { version: string }[]).map((p) => p.version)).not.toContain('2026.9');
  });

  it('refuses a binary file as a package with 415', async () => {
    const res = await http(t.app)
      .post('/api/v1/frameworks')
      .set('Authorization', adminAuth)
      .attach('file', Buffer.from('%PDF-1.4\n\u0000\u0001binary'), 'package.yaml')
      .expect(415);
    expect(res.body.message).toMatch(/^file: /);
  });

  it('replaces the provisional I16 texts for a period that chooses a new version, leaving a period on the old one as it was', async () => {
    const imported = await http(t.app)
      .post('/api/v1/frameworks')
      .set('Authorization', adminAuth)
      .attach('file', Buffer.from(pemdiOfficialI16()), 'pemdi-2026.2.json')
      .expect(201);
    expect(imported.body).toMatchObject({ id: 'pemdi-2026', version: '2026.2', shipped: false });
    expect(imported.body.provisional).not.toContain('I16');
    // The same version and content again changes nothing; other content under it is refused.
    await http(t.app)
      .post('/api/v1/frameworks')
      .set('Authorization', adminAuth)
      .send({ content: pemdiOfficialI16() })
      .expect(200);
    await http(t.app)
      .post('/api/v1/frameworks')
      .set('Authorization', adminAuth)
      .send({ content: pemdiOfficialI16().replace('Teks resmi level 1', 'Teks lain level 1') })
      .expect(409);

    const choose = async (year: number, body: object, status: number) => {
      const { version } = (await http(t.app).get(`/api/v1/periods/${year}`).set('Authorization', adminAuth))
        .body as {
        version: number;
      };
      return http(t.app)
        .patch(`/api/v1/periods/${year}`)
        .set('Authorization', adminAuth)
        .send({ version, ...body })
        .expect(status);
    };
    await choose(2026, { frameworkVersion: 'pemdi-2026' }, 200);
    const chosen = await choose(
      2027,
      { frameworkVersion: 'pemdi-2026', frameworkPackageVersion: '2026.2' },
      200,
    );
    expect(chosen.body).toMatchObject({ frameworkVersion: 'pemdi-2026', frameworkPackageVersion: '2026.2' });
    const unknown = await choose(2027, { frameworkPackageVersion: '2031.1' }, 400);
    expect(JSON.stringify(unknown.body.message)).toContain('(pemdi-2026 2031.1 tidak tersimpan)');

    const i16 = async (year: number) => {
      const res = await http(t.app)
        .get(`/api/v1/periods/${year}/framework`)
        .set('Authorization', leaderAuth)
        .expect(200);
      return res.body.aspects[5].indicators[1].levels[0].text as { id: string; form: string };
    };
    expect(await i16(2027)).toMatchObject({ id: 'Teks resmi level 1 Integrasi Aplikasi', form: 'verbatim' });
    expect(await i16(2026)).toMatchObject({ form: 'provisional', source: 'pemdi-unofficial' });

    // The simulation page shows the texts of the period's version, marked provisional or not.
    const page = async (year: number) =>
      (
        await http(t.app)
          .get(`/agencies/${agency.id}/periods/${year}/index-simulation`)
          .set('Authorization', leaderAuth)
          .expect(200)
      ).text;
    const official = await page(2027);
    expect(official).toContain('Teks resmi level 1 Integrasi Aplikasi');
    const provisional = await page(2026);
    expect(provisional).not.toContain('Teks resmi level 1');
    expect(provisional).toContain('Arsitektur aplikasi sedang disusun');
    expect(provisional).toMatch(/sementara/);

    const list = await http(t.app).get('/api/v1/frameworks').set('Authorization', adminAuth).expect(200);
    const versions = (list.body as { id: string; version: string; periods: { year: number }[] }[]).filter(
      (p) => p.id === 'pemdi-2026',
    );
    expect(versions.map((p) => [p.version, p.periods.map((x) => x.year)])).toEqual([
      ['2026.1', [2026]],
      ['2026.2', [2027]],
    ]);
  });

  it('simulates the index from target levels given in the form, with the predicate and what moves it most', async () => {
    await makePeriod(ds, { year: 2028, frameworkVersion: 'pemdi-2026' });
    const query = 'I19=5&I20=5&I1=2';
    const res = await http(t.app)
      .get(`/agencies/${agency.id}/periods/2028/index-simulation?${query}&lang=en`)
      .set('Authorization', leaderAuth)
      .expect(200);
    // Every other indicator at level 1: 1 + 4 × 0.10 + 4 × 0.15 + 1 × 0.05 = 2.05
    expect(res.text).toMatch(/id="simulated-index">2\.05</);
    expect(res.text).toMatch(/id="simulated-predicate">Emerging</);
    const movers = /<ol id="simulation-movers">([\s\S]*?)<\/ol>/.exec(res.text)?.[1] ?? '';
    // I19 and I20 are at level 5 already: the next are the 5% indicators, I1 first.
    expect(movers).not.toContain('I20');
    expect(movers).toMatch(/<code>I1<\/code>[^<]*: \+0\.050/);
    // A level off the scale is refused in the page's language.
    const page = `/agencies/${agency.id}/periods/2028/index-simulation?I2=9`;
    const id = await http(t.app).get(page).set('Authorization', leaderAuth).expect(200);
    expect(id.text).toContain('role="alert">I2: level harus bilangan bulat 1..5, bukan 9<');
    const en = await http(t.app).get(`${page}&lang=en`).set('Authorization', leaderAuth).expect(200);
    expect(en.text).toContain('role="alert">I2: level must be an integer 1..5, got 9<');
  });

  it('lets the admin choose the period framework on the period page', async () => {
    await makePeriod(ds, { year: 2029 });
    const admin = await makeUser(ds, 'admin', null);
    const { cookie, csrf } = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session'));
    const page = await http(t.app).get('/periods?year=2029').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('value="pemdi-2026@2026.1"');
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? '';
    const saved = await http(t.app)
      .post('/periods/2029/framework')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, version, framework: 'pemdi-2026@2026.1' })
      .expect(303);
    expect(saved.headers.location).toBe('/periods?year=2029&done=framework');
    const period = await http(t.app).get('/api/v1/periods/2029').set('Authorization', adminAuth).expect(200);
    expect(period.body).toMatchObject({ frameworkVersion: 'pemdi-2026', frameworkPackageVersion: '2026.1' });
  });

  it('shows the admin the framework list and the problems of an uploaded package with their paths', async () => {
    const admin = await makeUser(ds, 'admin', null);
    const { cookie, csrf } = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session'));
    const list = await http(t.app).get('/frameworks').set('Cookie', cookie).expect(200);
    expect(list.text).toContain('data-framework="pemdi-2026" data-version="2026.1"');
    const bad = await http(t.app)
      .post('/frameworks')
      .set('Cookie', cookie)
      .field('_csrf', csrf)
      .attach('file', Buffer.from('id: x\nversion: "1"\n'), 'bad.yaml')
      .expect(422);
    expect(bad.text).toContain('Paket tidak valid');
    expect(bad.text).toContain('<code>$.title</code>');
    const leader = browserSession(
      t.config.sessionSecret,
      await issueToken(ds, await makeUser(ds, 'leader', agency), 'session'),
    );
    await http(t.app).get('/frameworks').set('Cookie', leader.cookie).expect(403);
  });

  it("shows the engine's own problem of an uploaded package with its JSON path, in Indonesian and in English", async () => {
    const admin = await makeUser(ds, 'admin', null);
    const { cookie, csrf } = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session'));
    const upload = (url: string) =>
      http(t.app)
        .post(url)
        .set('Cookie', cookie)
        .field('_csrf', csrf)
        .attach('file', Buffer.from(spbeOfferingSplpOnboarding()), 'spbe.json')
        .expect(422);
    const indonesian = await upload('/frameworks');
    expect(indonesian.text).toContain(
      `<td><code>${SPLP_PATH}</code></td><td>INTEGRATION_SPLP ditawarkan, padahal edisi ini tidak menghitung integrasi dengan SPLP</td>`,
    );
    expect(indonesian.text).not.toContain('is offered');
    const english = await upload('/frameworks?lang=en');
    expect(english.text).toContain(
      `<td><code>${SPLP_PATH}</code></td><td>INTEGRATION_SPLP is offered but this edition counts no integration with the SPLP</td>`,
    );
    const api = await http(t.app)
      .post('/api/v1/frameworks')
      .set('Authorization', adminAuth)
      .set('Accept-Language', 'id')
      .send({ content: spbeOfferingSplpOnboarding() })
      .expect(400);
    expect(api.body.details).toEqual([
      {
        field: SPLP_PATH,
        code: 'msg.package.problem',
        message: `${SPLP_PATH}: INTEGRATION_SPLP ditawarkan, padahal edisi ini tidak menghitung integrasi dengan SPLP`,
      },
    ]);
  });

  it("says in Indonesian where a package is not YAML, without the parser's English", async () => {
    const admin = await makeUser(ds, 'admin', null);
    const { cookie, csrf } = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session'));
    const bad = await http(t.app)
      .post('/frameworks')
      .set('Cookie', cookie)
      .field('_csrf', csrf)
      .attach('file', Buffer.from('id: spbe\nlevels: [1, 2\n'), 'bad.yaml')
      .expect(422);
    expect(bad.text).toMatch(
      /<td><code>\$<\/code><\/td><td>bukan YAML atau JSON yang sah \(baris 3, kolom 1\)<\/td>/,
    );
    expect(bad.text).not.toMatch(/column|flow collection/i);
  });
});
