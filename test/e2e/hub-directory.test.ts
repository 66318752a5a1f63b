import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { hubsCsv } from '../../src/hub/hub-fixtures.testing';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { binary, browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'hub', name));

/** Issue 22: the national SPL directory, as national, provincial and agency users see it. */
describe('national SPL directory', () => {
  let t: TestApp;
  let ds: DataSource;
  let province: Agency;
  let regency: Agency;
  let elsewhere: Agency;
  const bearer = async (role: 'admin' | 'coordinator' | 'leader', agency: Agency | null) =>
    `Bearer ${await issueToken(ds, await makeUser(ds, role, agency), 'access')}`;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2024, asOf: '2024-12-31' });
    province = await makeAgency(ds, {
      code: 'jabar',
      name: 'Provinsi Jawa Barat',
      kind: 'province',
      areaCode: '32',
    });
    regency = await makeAgency(ds, {
      code: 'bdg',
      name: 'Kota Bandung',
      kind: 'city',
      areaCode: '32.73',
      domain: 'bandung.go.id',
    });
    elsewhere = await makeAgency(ds, { code: 'smg', name: 'Kota Semarang', kind: 'city', areaCode: '33.74' });
    const auth = await bearer('coordinator', regency);
    const push = (name: string, content: Buffer) =>
      http(t.app)
        .post(`/api/v1/agencies/${regency.id}/hub-imports`)
        .set('Authorization', auth)
        .attach('file', content, name)
        .expect(201);
    await push(
      'hubs.csv',
      Buffer.from(
        hubsCsv([
          [
            'splp-bandung',
            'SPL Kota Bandung',
            'DAERAH',
            'WSO2_APIM_4',
            'https://splp.bandung.go.id',
            'bandung.go.id',
          ],
        ]),
      ),
    );
    await push('apis.txt', fixture('f1-apictl-get-apis.txt'));
    await push('monitors.json', fixture('f7-uptimerobot-v3.json'));
  });

  afterAll(() => t.close());

  const list = (auth: string, query = '') =>
    http(t.app).get(`/api/v1/spl-directory${query}`).set('Authorization', auth).expect(200);

  it('gives a national reader every agency with its SPL, published APIs, uptime and certificate', async () => {
    const { body } = await list(await bearer('admin', null), '?q=bandung');
    expect(body.total).toBe(1);
    expect(body.entries[0]).toMatchObject({
      code: 'bdg',
      spl: 'SPL Kota Bandung',
      platform: 'WSO2_APIM_4',
      tenant: 'bandung.go.id',
      publishedApis: 2,
      splpConnected: false,
      certExpiresAt: '2024-03-20T00:00:00.000Z',
      certWarning: true,
    });
    expect(body.entries[0].uptime30d).toBeCloseTo((100 * 3 + 91.667) / 4, 3);
    const all = await list(await bearer('leader', null), '?sort=published&desc=true');
    expect(all.body.entries[0].code).toBe('bdg');
    expect(all.body.total).toBeGreaterThanOrEqual(3);
  });

  it('shows a province its own agencies, and an agency only itself', async () => {
    const provincial = await list(await bearer('coordinator', province));
    expect(provincial.body.entries.map((e: { code: string }) => e.code).sort()).toEqual(['bdg', 'jabar']);
    const own = await list(await bearer('coordinator', elsewhere));
    expect(own.body.entries.map((e: { code: string }) => e.code)).toEqual(['smg']);
  });

  it('exports CSV and XLSX and renders the searchable page', async () => {
    const auth = await bearer('admin', null);
    const csv = await list(auth, '?format=csv&q=bdg');
    expect(csv.headers['content-type']).toContain('text/csv');
    // Every text field is quoted (issue 17), numbers are not.
    expect(csv.text).toContain('"agency_code","agency","spl","platform","tenant","published_apis"');
    expect(csv.text).toContain(
      '"bdg","Kota Bandung","SPL Kota Bandung","WSO2_APIM_4","bandung.go.id",2,"no"',
    );
    const xlsx = await http(t.app)
      .get('/api/v1/spl-directory?format=xlsx')
      .set('Authorization', auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const session = await issueToken(ds, await makeUser(ds, 'admin', null), 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const page = await http(t.app).get('/spl-directory?q=bandung&lang=en').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('National SPL directory');
    expect(page.text).toContain('data-agency="bdg"');
    expect(page.text).not.toContain('data-agency="smg"');
    // Both are in the main navigation, the directory marked as the current page.
    expect(page.text).toContain('<a href="/spl-directory" aria-current="page">SPL directory</a>');
    expect(page.text).toContain('<a href="/api-catalog" >API catalogue</a>');
  });

  it('lists the API catalogue of the visible agencies, searchable and exportable as CSV and OpenAPI index', async () => {
    const admin = await bearer('admin', null);
    const found = await http(t.app)
      .get('/api/v1/api-catalog?q=kependudukan')
      .set('Authorization', admin)
      .expect(200);
    expect(found.body.total).toBe(1);
    expect(found.body.apis[0]).toMatchObject({
      agencyCode: 'bdg',
      name: 'LayananKependudukan',
      version: '1.0.0',
      lifecycleStatus: 'PUBLISHED',
      consumers: 0,
    });
    const byAgency = await http(t.app)
      .get('/api/v1/api-catalog?q=Bandung')
      .set('Authorization', admin)
      .expect(200);
    expect(byAgency.body.total).toBe(3);
    const other = await http(t.app)
      .get('/api/v1/api-catalog')
      .set('Authorization', await bearer('coordinator', elsewhere))
      .expect(200);
    expect(other.body.total).toBe(0);
    const csv = await http(t.app)
      .get('/api/v1/api-catalog?format=csv&q=perizinan')
      .set('Authorization', admin)
      .expect(200);
    expect(csv.text).toContain(
      '"bdg","Kota Bandung","Perizinan Online","2.1.0","/t/bandung.go.id/perizinan/2.1.0","DEPRECATED"',
    );
    const index = await http(t.app)
      .get('/api/v1/api-catalog?format=openapi')
      .set('Authorization', admin)
      .expect(200);
    expect(index.body).toMatchObject({
      openapi: '3.1.0',
      tags: expect.arrayContaining([{ name: 'bdg', description: 'Kota Bandung' }]),
    });
    expect(index.body['x-apis']).toHaveLength(3);
    const session = await issueToken(ds, await makeUser(ds, 'admin', null), 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const page = await http(t.app).get('/api-catalog?q=pajak&lang=en').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('data-api="DataPajakDaerah"');
    expect(page.text).not.toContain('data-api="LayananKependudukan"');
  });
  it('makes an agency catalogue an api_list evidence item (PDF and CSV) for its own coordinator only', async () => {
    const auth = await bearer('coordinator', regency);
    const url = `/api/v1/agencies/${regency.id}/api-catalog/evidence`;
    // Another agency's coordinator cannot do it for this one (the agency is not theirs to see:
    // 404), nor can an operator bound to a unit (403).
    await http(t.app)
      .post(url)
      .set('Authorization', await bearer('coordinator', elsewhere))
      .send({})
      .expect(404);
    const operator = await makeUser(ds, 'operator', regency, { units: [await makeUnit(ds, regency)] });
    await http(t.app)
      .post(url)
      .set('Authorization', `Bearer ${await issueToken(ds, operator, 'access')}`)
      .send({})
      .expect(403);

    const created = await http(t.app).post(url).set('Authorization', auth).send({}).expect(201);
    expect(created.body.files.map((f: { name: string }) => f.name)).toEqual([
      expect.stringMatching(/^katalog-api-bdg-\d{4}-\d\d-\d\d\.pdf$/),
      expect.stringMatching(/^katalog-api-bdg-\d{4}-\d\d-\d\d\.csv$/),
    ]);
    const item = await http(t.app)
      .get(`/api/v1/agencies/${regency.id}/evidence/${created.body.evidenceId}`)
      .set('Authorization', auth)
      .expect(200);
    expect(item.body).toMatchObject({ kind: 'api_list', status: 'submitted' });
    expect(item.body.title).toContain('Katalog API (direktori layanan SPL) - Kota Bandung');
    expect(item.body.files).toHaveLength(2);
    const catalog = await http(t.app)
      .get('/api/v1/api-catalog?format=csv')
      .set('Authorization', auth)
      .expect(200);
    for (const file of item.body.files as Array<{ id: string; sha256: string; name: string }>) {
      const download = await http(t.app)
        .get(`/api/v1/agencies/${regency.id}/evidence/${item.body.id}/files/${file.id}`)
        .set('Authorization', auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const body = download.body as Buffer;
      expect(createHash('sha256').update(body).digest('hex')).toBe(file.sha256);
      if (file.name.endsWith('.csv'))
        expect(body.toString('utf8').replace(/^\uFEFF/, '')).toBe(catalog.text.replace(/^\uFEFF/, ''));
      else {
        const text = (await pdfPageTexts(body)).join(' ').replace(/\s+/g, ' ');
        expect(text).toContain('Katalog API (direktori layanan SPL) · Kota Bandung');
        expect(text).toContain('3 API');
        for (const api of ['DataPajakDaerah', 'LayananKependudukan', 'Perizinan Online'])
          expect(text).toContain(api);
      }
    }
    const stored = await ds.query(
      `SELECT action FROM audit_log WHERE subject_id = $1 AND action = 'hub.catalog_evidence'`,
      [created.body.evidenceId],
    );
    expect(stored).toHaveLength(1);
  });

  it('confirms on a page what the catalogue evidence will create before creating it', async () => {
    const coordinator = await makeUser(ds, 'coordinator', regency);
    const { cookie, csrf } = browserSession(
      t.config.sessionSecret,
      await issueToken(ds, coordinator, 'session'),
    );
    const catalog = await http(t.app).get('/api-catalog').set('Cookie', cookie).expect(200);
    expect(catalog.text).toContain(`/agencies/${regency.id}/api-catalog/evidence`);
    const confirm = await http(t.app)
      .get(`/agencies/${regency.id}/api-catalog/evidence`)
      .set('Cookie', cookie)
      .expect(200);
    expect(confirm.text).toContain('Daftar API');
    expect(confirm.text).toMatch(/katalog-api-bdg-[\d-]+\.pdf/);
    const done = await http(t.app)
      .post(`/agencies/${regency.id}/api-catalog/evidence`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(done.headers.location).toMatch(
      new RegExp(`^/agencies/${regency.id}/evidence/[0-9a-f-]+\\?created=1$`),
    );
  });
});
