import { existsSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Unit } from '../../src/units/unit.entity';
import { issueToken, makeAgency, makeApplication, makePeriod, makeUnit, makeUser } from '../factories';
import { http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * The main API's inputs under property-based fuzzing: whatever a client sends, the answer is a
 * 2xx or a 4xx with a message, never a 500, and a refused request writes nothing.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    "'; DROP TABLE unit; --",
    '=HYPERLINK("http://evil")',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '\u0000',
    '2026-02-30',
    '9999-99-99',
    'NaN',
    'true',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(5000),
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A body with the DTO's own field names (so validation is really exercised) and hostile values. */
const bodyWith = (keys: string[]) =>
  fc.oneof(
    fc.dictionary(fc.constantFrom(...keys), nasty, { maxKeys: keys.length }),
    fc.jsonValue({ maxDepth: 3 }),
  );

describe('hostile input to the API', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let unit: Unit;
  let app: { id: string };
  let auth: string;
  let adminAuth: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds);
    unit = await makeUnit(ds, agency);
    app = await makeApplication(ds, unit, 'spl');
    auth = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency))}`;
    adminAuth = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
  });
  afterAll(() => t.close());

  const snapshot = async (table: string) =>
    (
      (await ds.query(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table}" t`,
      )) as [{ h: string }]
    )[0].h;

  const cases: Array<{
    name: string;
    method: 'post' | 'patch' | 'put';
    path: () => string;
    table: string;
    keys: string[];
    who?: 'admin';
  }> = [
    {
      name: 'create unit',
      method: 'post',
      path: () => `/api/v1/agencies/${agency.id}/units`,
      table: 'unit',
      keys: ['code', 'name', 'kind', 'inScope', 'outOfScopeReason'],
    },
    {
      name: 'change unit',
      method: 'patch',
      path: () => `/api/v1/agencies/${agency.id}/units/${unit.id}`,
      table: 'unit',
      keys: ['code', 'name', 'kind', 'inScope', 'outOfScopeReason', 'version'],
    },
    {
      name: 'create application',
      method: 'post',
      path: () => `/api/v1/agencies/${agency.id}/applications`,
      table: 'application',
      keys: ['unitId', 'name', 'description', 'exchange'],
    },
    {
      name: 'create policy',
      method: 'post',
      path: () => `/api/v1/agencies/${agency.id}/policies`,
      table: 'policy',
      keys: [
        'title',
        'status',
        'date',
        'allUnits',
        'unitIds',
        'regulatesSplUse',
        'regulatesSplpConnection',
        'replacesId',
        'evidenceIds',
      ],
    },
    {
      name: 'create review',
      method: 'post',
      path: () => `/api/v1/agencies/${agency.id}/reviews`,
      table: 'review',
      keys: ['subject', 'date', 'title', 'findings', 'unitIds', 'evidenceIds'],
    },
    {
      name: 'create integration',
      method: 'post',
      path: () => `/api/v1/agencies/${agency.id}/integrations`,
      table: 'integration',
      keys: ['withTarget', 'peerName', 'description', 'evidenceIds'],
    },
    {
      name: 'claim a level',
      method: 'put',
      path: () => `/api/v1/agencies/${agency.id}/periods/2026/assessments/18`,
      table: 'assessment',
      keys: ['claimedLevel', 'justification'],
    },
    {
      name: 'change a period',
      method: 'patch',
      path: () => '/api/v1/periods/2026',
      table: 'period',
      keys: ['edition', 'coverageTarget', 'asOf', 'stage', 'version'],
      who: 'admin',
    },
  ];

  it.each(cases.map((c) => [c.name, c]))(
    '%s: never a 500, and a refusal writes nothing',
    async (_name, c) => {
      await fc.assert(
        fc.asyncProperty(bodyWith(c.keys), async (body) => {
          const before = await snapshot(c.table);
          const res = await http(t.app)
            [c.method](c.path())
            .set('Authorization', c.who === 'admin' ? adminAuth : auth)
            .set('Content-Type', 'application/json')
            // A string, not a Buffer: superagent would send a Buffer as {"type":"Buffer","data":[...]}.
            .send(JSON.stringify(body) ?? 'null');
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(JSON.stringify(res.body)).toMatch(/message/);
            expect(await snapshot(c.table)).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    },
  );

  // A fuzzing run found it: `{"name": null, "version": 1}` reached the service as "no value".
  it.each([
    ['unit', 'name', () => `/api/v1/agencies/${agency.id}/units/${unit.id}`, 'unit'],
    ['unit', 'code', () => `/api/v1/agencies/${agency.id}/units/${unit.id}`, 'unit'],
    ['application', 'name', () => `/api/v1/agencies/${agency.id}/applications/${app.id}`, 'application'],
  ])(
    'change %s: a null %s is refused naming the field, and nothing is written',
    async (_what, field, path, table) => {
      const current = await http(t.app).get(path()).set('Authorization', auth).expect(200);
      const before = await snapshot(table);
      const res = await http(t.app)
        .patch(path())
        .set('Authorization', auth)
        .send({ [field]: null, version: current.body.version });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
      expect(await snapshot(table)).toBe(before);
    },
  );

  it('evidence metadata: never a 500, and a refused upload keeps no row and no file', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%fuzz\ntrailer << >>\n%%EOF\n');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('kind', 'title', 'documentDate', 'indicators', 'unitIds', 'description'),
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom('api_list', '18', '7,18', unit.id, '2026-03-01', '2026-13-01', '19', ''),
          ),
        ),
        async (fields) => {
          const before = await snapshot('evidence');
          const filesBefore = listFiles(t.config.uploadsDir);
          n += 1;
          let req = http(t.app).post(`/api/v1/agencies/${agency.id}/evidence`).set('Authorization', auth);
          for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
          const res = await req.attach('files', Buffer.concat([pdf, Buffer.from(String(n))]), `f${n}.pdf`);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(await snapshot('evidence')).toBe(before);
            expect(listFiles(t.config.uploadsDir)).toEqual(filesBefore);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('answers 4xx to hugely nested, oversized and malformed JSON bodies', async () => {
    const url = `/api/v1/agencies/${agency.id}/units`;
    const send = (raw: string) =>
      http(t.app).post(url).set('Authorization', auth).set('Content-Type', 'application/json').send(raw);
    const deep = `{"code":"X1","name":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    for (const raw of [
      deep,
      '{"code":',
      '\u0000',
      `{"name":"${'x'.repeat(2_000_000)}"}`,
      '[1,2,3]',
      'null',
    ]) {
      const res = await send(raw);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('keeps hostile file names out of the storage paths and out of the download header', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%name\ntrailer << >>\n%%EOF\n');
    const res = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence`)
      .set('Authorization', auth)
      .field('kind', 'other')
      .field('title', 'Nama berkas aneh')
      .field('documentDate', '2026-03-01')
      .field('indicators', '18')
      .field('unitIds', unit.id)
      .attach('files', pdf, '../../../etc/"passwd"\r\nX-Evil: 1.pdf');
    expect(res.status).toBe(201);
    const [file] = await ds.query('SELECT id, storage_key FROM evidence_file WHERE evidence_id = $1', [
      res.body.id,
    ]);
    expect(file.storage_key).not.toContain('..');
    const download = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/evidence/${res.body.id}/files/${file.id}`)
      .set('Authorization', auth);
    expect(download.status).toBe(200);
    expect(download.headers['x-evil']).toBeUndefined();
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('refuses script-carrying SVG and HTML, and serves a PDF/HTML polyglot only as a PDF attachment', async () => {
    const upload = (bytes: Buffer, name: string) =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/evidence`)
        .set('Authorization', auth)
        .field('kind', 'integration_screenshot')
        .field('title', name)
        .field('documentDate', '2026-03-01')
        .field('indicators', '18')
        .field('unitIds', unit.id)
        .attach('files', bytes, name);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    for (const [bytes, name] of [
      [svg, 'diagram.svg'],
      [html, 'page.html'],
      [html, 'screenshot.png'],
    ] as const) {
      const res = await upload(bytes, name);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.message).toContain(name);
    }
    const polyglot = Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\ntrailer << >>\n%%EOF\n');
    const ok = await upload(polyglot, 'poly.pdf');
    expect(ok.status).toBe(201);
    const [file] = await ds.query('SELECT id FROM evidence_file WHERE evidence_id = $1', [ok.body.id]);
    const base = `/api/v1/agencies/${agency.id}/evidence/${ok.body.id}/files/${file.id}`;
    const download = await http(t.app).get(base).set('Authorization', auth);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const preview = await http(t.app).get(`${base}?inline=1`).set('Authorization', auth);
    expect(preview.headers['content-type']).not.toMatch(/html/);
    expect(preview.headers['content-security-policy'] ?? '').toMatch(/sandbox|default-src 'none'/);
  });
});

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => `${d.parentPath}/${d.name}`)
    .sort();
}
