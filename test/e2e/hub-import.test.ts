import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import { ndjson, publisherApiList, unitsCsv } from '../../src/hub/hub-fixtures.testing';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

const FIXTURES = join(__dirname, '..', 'fixtures', 'hub');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

describe('hub imports', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let other: Agency;
  let unit: Unit;
  let coordinator: User;
  let token: string;
  const count = async (table: string) =>
    Number(
      (await ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE agency_id = $1`, [agency.id]))[0].n,
    );

  const push = (
    name: string,
    content: Buffer | string,
    fields: Record<string, string> = {},
    agencyId = agency.id,
  ) => {
    let req = http(t.app)
      .post(`/api/v1/agencies/${agencyId}/hub-imports`)
      .set('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', Buffer.from(content), name);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'nusa', domain: 'nusa.go.id' });
    other = await makeAgency(ds);
    unit = await makeUnit(ds, agency, { code: 'DISDUKCAPIL' });
    coordinator = await makeUser(ds, 'coordinator', agency);
    token = await issueToken(ds, coordinator, 'personal');
  });
  afterAll(() => t.close());

  it('imports a Publisher API list with a personal token, detecting F1, and keeps its provenance', async () => {
    const res = await push('apis.json', fixture('f1-publisher-v4-list.json')).expect(201);
    expect(res.body.status).toBe('created');
    expect(res.body.import).toMatchObject({
      fileName: 'apis.json',
      format: 'F1',
      variant: 'F1-list',
      hubId: 'spl-nusa',
      channel: 'api',
      importedBy: coordinator.id,
      status: 'imported',
      skipBad: false,
    });
    expect(res.body.import.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.import.counts.records).toBe(3);
    expect(await count('hub_api')).toBe(3);
    const list = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(list.body.map((i: { id: string }) => i.id)).toContain(res.body.import.id);
  });

  it('recognises the same file sent again: 200, already imported, nothing changes', async () => {
    const before = await ds.query('SELECT id, updated_at FROM hub_api WHERE agency_id = $1 ORDER BY id', [
      agency.id,
    ]);
    const imports = await count('hub_import');
    const again = await push('renamed.json', fixture('f1-publisher-v4-list.json')).expect(200);
    expect(again.body.status).toBe('duplicate');
    expect(again.body.message).toMatch(/sudah diimpor pada \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC oleh /);
    expect(again.body.message).toContain(coordinator.displayName);
    expect(await count('hub_import')).toBe(imports);
    expect(
      await ds.query('SELECT id, updated_at FROM hub_api WHERE agency_id = $1 ORDER BY id', [agency.id]),
    ).toEqual(before);
  });

  it('refuses a file with bad rows: 422 with line numbers and reasons, nothing written', async () => {
    const good = ndjson([{ apiId: 'api-a', at: '2026-03-01T10:00:00Z', latency: 20 }]).trim();
    const content = [
      good,
      '{"not": "an event"',
      good.replace('"proxyResponseCode":200', '"proxyResponseCode":999'),
    ].join('\n');
    const usageBefore = await count('hub_usage');
    const res = await push('events.ndjson', content).expect(422);
    expect(res.body.status).toBe('rejected');
    expect(res.body.message).toMatch(/tidak ada yang diimpor/);
    expect(res.body.problems.map((p: { line: number }) => p.line)).toEqual([2, 3]);
    expect(res.body.problems[1].reason).toMatch(/proxyResponseCode/);
    expect(await count('hub_usage')).toBe(usageBefore);
    // The attempt is kept as provenance, marked rejected.
    expect(res.body.import).toMatchObject({ status: 'rejected', format: 'F5' });
    expect(res.body.import.problems).toHaveLength(2);
  });

  it('imports the good rows and reports the bad ones with skipBad', async () => {
    const good = ndjson([
      { apiId: 'api-a', at: '2026-03-01T10:00:00Z', latency: 20 },
      { apiId: 'api-a', at: '2026-03-01T11:00:00Z', latency: 40 },
    ]).trim();
    const content = `${good}\n{"broken"\n`;
    const res = await push('events-skip.ndjson', content, { skipBad: 'true' }).expect(201);
    expect(res.body.import.counts).toMatchObject({ rowsRead: 3, accepted: 2, rejected: 1 });
    expect(res.body.import.problems).toEqual([expect.objectContaining({ line: 3 })]);
    const usage = await ds.query(
      'SELECT total_calls::int AS n, precision FROM hub_usage WHERE agency_id = $1',
      [agency.id],
    );
    expect(usage).toEqual([{ n: 2, precision: 'RAW' }]);
  });

  it('names the row of an F8 mapping whose unit code is not a unit of the agency', async () => {
    const content = unitsCsv([
      ['DISDUKCAPIL', 'Dukcapil', 'provider', 'disdukcapil'],
      ['NOPE', 'Tidak ada', 'tag', 'x'],
    ]);
    const res = await push('units.csv', content).expect(422);
    expect(res.body.problems).toEqual([
      {
        line: 3,
        reason: 'work_unit_code NOPE bukan unit kerja instansi ini; tambahkan unitnya lebih dahulu',
        code: 'msg.hubrow.unknownUnit',
      },
    ]);
    const english = await push('units.csv', content).query({ lang: 'en' }).expect(422);
    expect(english.body.problems[0].reason).toMatch(/work_unit_code NOPE is not a unit of this agency/);
    expect(english.body.message).toMatch(/nothing was imported/);
    expect(await count('hub_mapping_rule')).toBe(0);
    const skipped = await push('units.csv', content, { skipBad: 'true' }).expect(201);
    expect(skipped.body.import.counts).toMatchObject({ accepted: 1, rejected: 1 });
    expect(await ds.query('SELECT unit_id, match_type, match_value FROM hub_mapping_rule')).toEqual([
      { unit_id: unit.id, match_type: 'provider', match_value: 'disdukcapil' },
    ]);
  });

  it('answers 422 with the reason for a file in no known format, and 400 without a file', async () => {
    const res = await push('notes.txt', 'hello, this is not an export\n').expect(422);
    expect(res.body.problems[0].reason).toMatch(/format/i);
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', `Bearer ${token}`)
      .field('format', 'F1')
      .expect(400);
  });

  it('honours a format override and refuses unknown format names', async () => {
    const list = publisherApiList([{ id: 'api-override', name: 'Override' }]);
    const res = await push('list.txt', list, { format: 'F1' }).expect(201);
    expect(res.body.import.variant).toBe('F1-list');
    await push('list2.txt', list, { format: 'F9' }).expect(400);
  });

  it('takes the lifecycle status of an OpenAPI document (F3) from the form', async () => {
    const res = await push('openapi.yaml', fixture('f3-openapi3.yaml'), {
      lifecycleStatus: 'published',
    }).expect(201);
    expect(res.body.import.format).toBe('F3');
    const rows = await ds.query(
      'SELECT lifecycle_status, published_on_bus FROM hub_api WHERE variant LIKE $1',
      ['F3-%'],
    );
    expect(rows).toEqual([{ lifecycle_status: 'PUBLISHED', published_on_bus: true }]);
  });

  it('needs a token (401) and answers 404 for another agency', async () => {
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub-imports`)
      .attach('file', fixture('f1-publisher-v4-list.json'), 'apis.json')
      .expect(401);
    await push('apis.json', fixture('f1-publisher-v4-list.json'), {}, other.id).expect(404);
  });

  it('imports from the page with the CSRF token and shows it in the history; refuses without it', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    const content = ndjson([{ apiId: 'api-page', at: '2026-04-02T08:00:00Z', latency: 12 }]);
    await http(t.app)
      .post(`/agencies/${agency.id}/hub/imports`)
      .set('Cookie', cookie)
      .attach('file', Buffer.from(content), 'page.ndjson')
      .expect(403);
    // The token in the URL (where logs keep it) is not accepted; the form's first field is.
    await http(t.app)
      .post(`/agencies/${agency.id}/hub/imports?_csrf=${csrf}`)
      .set('Cookie', cookie)
      .attach('file', Buffer.from(content), 'page.ndjson')
      .expect(403);
    const res = await http(t.app)
      .post(`/agencies/${agency.id}/hub/imports`)
      .set('Cookie', cookie)
      .field('_csrf', csrf)
      .field('format', '')
      .attach('file', Buffer.from(content), 'page.ndjson')
      .expect(303);
    expect(res.headers.location).toMatch(new RegExp(`^/agencies/${agency.id}/hub\\?imported=`));
    const page = await http(t.app).get(res.headers.location).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('page.ndjson');
    expect(page.text).toContain('/hub/assets/chart.umd.min.js');
    const bad = await http(t.app)
      .post(`/agencies/${agency.id}/hub/imports`)
      .set('Cookie', cookie)
      .field('_csrf', csrf)
      .attach('file', Buffer.from('{"x"\n'), 'bad.ndjson')
      .field('format', 'F5')
      .expect(422);
    expect(bad.text).toContain('data-problems');
  });

  it('shows a bad row on the hub page in Indonesian, and in English with ?lang=en, with its line and column', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    const content = unitsCsv([['DISDUKCAPIL', '', 'provider', 'disdukcapil']]);
    const send = (query: string) =>
      http(t.app)
        .post(`/agencies/${agency.id}/hub/imports${query}`)
        .set('Cookie', cookie)
        .field('_csrf', csrf)
        .attach('file', Buffer.from(content), 'units-bad.csv')
        .expect(422);
    const id = (await send('')).text;
    expect(id).toContain('units-bad.csv: 1 baris bermasalah; tidak ada yang diimpor.');
    expect(id).toMatch(/<td>2<\/td><td><code>\s*<\/code><\/td><td>kolom work_unit_name wajib diisi<\/td>/);
    expect(id).not.toContain('is required');
    const en = (await send('?lang=en')).text;
    expect(en).toContain('units-bad.csv: 1 row(s) have problems; nothing was imported.');
    expect(en).toContain('<td>column work_unit_name is required</td>');
    // The history lists the rejected attempt; its stored problem reads in the page's language too.
    const history = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/hub-imports?lang=en`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const attempt = history.body.find((i: { fileName: string }) => i.fileName === 'units-bad.csv');
    expect(attempt.problems).toEqual([
      { line: 2, reason: 'column work_unit_name is required', code: 'msg.hubrow.column' },
    ]);
  });

  it('shows the archive check that refused a zip on the hub page in Indonesian, and in English with ?lang=en', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    const send = (query: string) =>
      http(t.app)
        .post(`/agencies/${agency.id}/hub/imports${query}`)
        .set('Cookie', cookie)
        .field('_csrf', csrf)
        .attach('file', fixture('broken/f2-path-traversal.zip'), 'traversal.zip')
        .expect(422);
    const id = (await send('')).text;
    expect(id).toContain('data-problems');
    expect(id).toMatch(
      /traversal\.zip ditolak: entri [^<]*cron\.d\/evil[^<]* memuat segmen [^<]*\(penelusuran path\)/,
    );
    expect(id).not.toContain('was refused');
    const en = (await send('?lang=en')).text;
    expect(en).toMatch(
      /traversal\.zip was refused: entry [^<]*cron\.d\/evil[^<]* has a [^<]* segment \(path traversal\)/,
    );
  });

  it('answers a damaged zip with the Indonesian reason and its code, and the English one with ?lang=en', async () => {
    const damaged = Buffer.from('PK\x03\x04 truncated');
    const res = await push('damaged.zip', damaged).expect(422);
    expect(res.body.problems).toEqual([
      { reason: 'damaged.zip bukan arsip zip yang dapat dibaca', code: 'msg.hubfile.archive.unreadable' },
    ]);
    const english = await push('damaged.zip', damaged).query({ lang: 'en' }).expect(422);
    expect(english.body.problems[0].reason).toBe('damaged.zip is not a readable zip archive');
  });

  it('shows a problem stored as text before reasons were messages as it is', async () => {
    await ds.query(
      `INSERT INTO hub_import (agency_id, file_name, sha256, bytes, format, variant, skip_bad, channel, counts,
         problems, problems_truncated, status)
       VALUES ($1, 'old.csv', repeat('a', 64), 10, 'F6', 'F6-csv', false, 'web', '{}'::jsonb, $2::jsonb, false, 'rejected')`,
      [agency.id, JSON.stringify([{ line: 4, reason: 'column total_calls is required' }])],
    );
    const history = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const old = history.body.find((i: { fileName: string }) => i.fileName === 'old.csv');
    expect(old.problems).toEqual([{ line: 4, reason: 'column total_calls is required' }]);
  });

  it('serves the templates and the chart library', async () => {
    const tpl = await http(t.app)
      .get('/api/v1/hub/templates/usage.csv')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(tpl.headers['content-disposition']).toContain('hub-usage-template.csv');
    expect(tpl.text.split(/\r?\n/)[0]).toMatch(/^hub_id,period_start,period_end/);
    const chart = await http(t.app).get('/hub/assets/chart.umd.min.js').expect(200);
    expect(chart.headers['content-type']).toMatch(/javascript/);
    expect(chart.text).toContain('Chart');
  });
});

describe('hub import size limit', () => {
  let t: TestApp;

  beforeAll(async () => (t = await createTestApp({ UPLOAD_MAX_FILE_MB: '1' })));
  afterAll(() => t.close());

  it('refuses a file over UPLOAD_MAX_FILE_MB with 413 and keeps no temporary file', async () => {
    const ds = t.app.get(DataSource);
    const agency = await makeAgency(ds);
    const user = await makeUser(ds, 'coordinator', agency);
    const token = await issueToken(ds, user, 'personal');
    const tempDir = join(tmpdir(), 'spbe-hub-uploads');
    // Other test files import small files through the same folder at the same time.
    const leftovers = () =>
      readdirSync(tempDir).filter((name) => {
        const stat = statSync(join(tempDir, name), { throwIfNoEntry: false });
        return stat !== undefined && stat.size > 512 * 1024;
      });
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const res = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', `Bearer ${token}`)
      .attach('file', big, 'big.log');
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/melebihi batas 1 MB/);
    expect(leftovers()).toEqual([]);
  });
});
