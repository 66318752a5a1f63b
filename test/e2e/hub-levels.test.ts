import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Application } from '../../src/applications/application.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import {
  devportalSubscriptions,
  hubsCsv,
  publisherApiList,
  unitsCsv,
} from '../../src/hub/hub-fixtures.testing';
import {
  issueToken,
  makeAgency,
  makeApplication,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The text of a PDF, read with pdf-parse in a child process (pdf.js cannot load under Jest). */
function pdfText(pdf: Buffer): Promise<string> {
  const script = `const { PDFParse } = require('pdf-parse'); const c = [];
    process.stdin.on('data', (d) => c.push(d)).on('end', async () => {
      const p = new PDFParse({ data: Buffer.concat(c) }); const r = await p.getText(); await p.destroy();
      process.stdout.write(r.text); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`pdf-parse exited ${code}`))));
    child.stdin.end(pdf);
  });
}

describe('hub data feeds the levels and becomes evidence', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let dukcapil: Unit;
  let app: Application;
  let coordinator: User;
  let auth: string;

  const push = (name: string, content: string, expected = 201) =>
    http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', auth)
      .attach('file', Buffer.from(content), name)
      .expect(expected);
  const unitLevel = async (unitId: string) => {
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/levels`)
      .set('Authorization', auth)
      .expect(200);
    const units = res.body.supported.indicators['18'].units as Array<{ id: string; level: number }>;
    return units.find((u) => u.id === unitId)?.level;
  };
  const apiList = (productionUrl: string) =>
    publisherApiList([
      {
        id: 'api-ktp',
        name: 'LayananKependudukan',
        provider: 'dukcapil@nusa.go.id',
        context: '/t/nusa.go.id/kependudukan/1.0.0',
        productionUrl,
      },
    ]);

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    const period = await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'lvl', domain: 'nusa.go.id' });
    dukcapil = await makeUnit(ds, agency, { code: 'DUKCAPIL' });
    await makeUnit(ds, agency, { code: 'OTHER' });
    app = await makeApplication(ds, dukcapil, 'none', { name: 'Layanan Kependudukan' });
    await makeApplication(ds, dukcapil, 'none', { name: 'Arsip Lokal' });
    // Formal documentation already covers the unit: what it lacks is an application via the SPL.
    await makeEvidence(ds, agency, period, {
      kind: 'operating_documentation',
      status: 'submitted',
      units: [dukcapil],
    });
    coordinator = await makeUser(ds, 'coordinator', agency);
    auth = `Bearer ${await issueToken(ds, coordinator, 'access')}`;
    await ds.query(
      `INSERT INTO integration (agency_id, with_target, peer_name, source, version) VALUES ($1, 'other_spl', 'Manual', 'manual', 1)`,
      [agency.id],
    );
  });
  afterAll(() => t.close());

  it('raises the unit’s Indicator 18 level once hub data shows its application on the bus', async () => {
    expect(await unitLevel(dukcapil.id)).toBe(1);
    await push(
      'hubs.csv',
      hubsCsv([
        ['splp', 'SPLP Nasional', 'NASIONAL', 'WSO2_APIM_4', 'https://splp.layanan.go.id', ''],
        ['spl-lvl', 'SPL Nusa', 'DAERAH', 'WSO2_APIM_4', 'https://spl.nusa.go.id', 'nusa.go.id'],
      ]),
    );
    await push('units.csv', unitsCsv([['DUKCAPIL', 'Dukcapil', 'provider', 'dukcapil']]));
    await push('apis.json', apiList('https://splp.layanan.go.id/t/pusat.go.id/nik/1.0'));

    const figures = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/hub/figures?year=2026&unitId=${dukcapil.id}`)
      .set('Authorization', auth)
      .expect(200);
    expect(figures.body.totals.publishedApis).toBe(1);
    expect(figures.body.apis[0]).toMatchObject({
      name: 'LayananKependudukan',
      unit: { code: 'DUKCAPIL' },
      application: { id: app.id, link: 'auto' },
    });
    expect(figures.body.splp.connected).toBe(true);
    expect(figures.body.splp.signals.map((s: { signal: string }) => s.signal)).toEqual(['endpoint_on_splp']);

    const view = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/applications/${app.id}`)
      .set('Authorization', auth)
      .expect(200);
    expect(view.body.exchange).toBe('none');
    expect(view.body.viaSplHub).toEqual([
      expect.objectContaining({
        role: 'publishes',
        name: 'LayananKependudukan 1.0.0',
        fileName: 'apis.json',
      }),
    ]);
    expect(await unitLevel(dukcapil.id)).toBe(2);
  });

  it('records the SPLP integration with its provenance, next to manual ones', async () => {
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/integrations`)
      .set('Authorization', auth)
      .expect(200);
    const hub = res.body.items.filter((i: { source: string }) => i.source === 'hub');
    expect(hub).toEqual([
      expect.objectContaining({ withTarget: 'splp', peerName: 'SPLP Nasional', evidenceIds: [] }),
    ]);
    expect(hub[0].description).toMatch(
      /endpoint_on_splp: LayananKependudukan 1\.0\.0 -> splp\.layanan\.go\.id \[apis\.json, sha256 [0-9a-f]{12}/,
    );
    expect(res.body.items.map((i: { peerName: string }) => i.peerName)).toContain('Manual');
  });

  it('generates an api_list evidence item: submitted, a PDF and a CSV whose stored bytes match their sha256', async () => {
    const res = await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub/evidence`)
      .set('Authorization', auth)
      .send({ unitId: dukcapil.id })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'submitted', unitIds: [dukcapil.id] });
    expect(res.body.files.map((f: { mime: string }) => f.mime)).toEqual([
      'application/pdf',
      'text/csv; charset=utf-8',
    ]);
    const rows = await ds.query(
      'SELECT storage_key, sha256, original_name FROM evidence_file WHERE evidence_id = $1 ORDER BY slot',
      [res.body.evidenceId],
    );
    expect(rows).toHaveLength(2);
    for (const [i, row] of rows.entries()) {
      const stored = readFileSync(join(t.config.uploadsDir, row.storage_key));
      expect(sha(stored)).toBe(row.sha256);
      expect(row.sha256).toBe(res.body.files[i].sha256);
    }
    const csvText = readFileSync(join(t.config.uploadsDir, rows[1].storage_key), 'utf8');
    expect(csvText.split('\r\n')[1]).toMatch(/^DUKCAPIL,LayananKependudukan,1\.0\.0,/);
    const pdf = await pdfText(readFileSync(join(t.config.uploadsDir, rows[0].storage_key)));
    expect(pdf).toContain('LayananKependudukan');
    expect(pdf).toContain('DUKCAPIL');
    const [apis] = await ds.query("SELECT sha256 FROM hub_import WHERE file_name = 'apis.json'");
    expect(pdf.replace(/\s+/g, '')).toContain(apis.sha256);
    const [evidence] = await ds.query('SELECT kind, status FROM evidence WHERE id = $1', [
      res.body.evidenceId,
    ]);
    expect(evidence).toEqual({ kind: 'api_list', status: 'submitted' });
    // The hub-derived integration now has counting evidence.
    expect(res.body.integrationIds).toHaveLength(1);
  });

  it('refuses evidence for a unit without APIs on the bus (409) and for another agency’s unit (404)', async () => {
    const other = (await ds.query("SELECT id FROM unit WHERE code = 'OTHER'"))[0].id;
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub/evidence`)
      .set('Authorization', auth)
      .send({ unitId: other })
      .expect(409);
    const foreign = await makeUnit(ds, await makeAgency(ds));
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub/evidence`)
      .set('Authorization', auth)
      .send({ unitId: foreign.id })
      .expect(404);
  });

  it('removes a hub integration the data no longer supports and keeps the manual one', async () => {
    await push('apis-v2.json', apiList('https://backend.nusa.go.id/nik'));
    const rows = await ds.query(
      'SELECT peer_name, source FROM integration WHERE agency_id = $1 ORDER BY peer_name',
      [agency.id],
    );
    expect(rows).toEqual([{ peer_name: 'Manual', source: 'manual' }]);
  });

  it('drops the level again when the API is unlinked from the application by hand', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    const hubApi = (await ds.query("SELECT id FROM hub_api WHERE source_id = 'api-ktp'"))[0].id;
    const page = await http(t.app)
      .get(`/agencies/${agency.id}/hub/units/${dukcapil.id}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain(`value="${hubApi}"`);
    await http(t.app)
      .post(`/agencies/${agency.id}/hub/links`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, kind: 'api', id: hubApi, applicationId: '', unitId: dukcapil.id })
      .expect(303);
    expect(await unitLevel(dukcapil.id)).toBe(1);
    // A manual choice survives later imports.
    await push('apis-v3.json', apiList('https://backend.nusa.go.id/nik/v3'));
    expect(await unitLevel(dukcapil.id)).toBe(1);
  });

  it('lets only an operator of the API’s unit link it to an application (403 for another unit’s)', async () => {
    const [hubApi] = await ds.query("SELECT id, unit_id FROM hub_api WHERE source_id = 'api-ktp'");
    expect(hubApi.unit_id).toBe(dukcapil.id);
    const otherUnit = (await ds.query("SELECT id FROM unit WHERE code = 'OTHER'"))[0].id;
    const operatorOf = async (unitId: string) => {
      const user = await makeUser(ds, 'operator', agency);
      await ds.query('INSERT INTO user_unit (user_id, unit_id) VALUES ($1, $2)', [user.id, unitId]);
      return `Bearer ${await issueToken(ds, user)}`;
    };
    const link = async (bearer: string) =>
      http(t.app)
        .post(`/api/v1/agencies/${agency.id}/hub/links`)
        .set('Authorization', bearer)
        .send({ kind: 'api', id: hubApi.id, applicationId: app.id });
    const refused = await link(await operatorOf(otherUnit));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/unit kerja Anda sendiri/);
    expect((await link(await operatorOf(dukcapil.id))).status).toBe(204);
    const [after] = await ds.query('SELECT application_id FROM hub_api WHERE id = $1', [hubApi.id]);
    expect(after.application_id).toBe(app.id);
  });

  it('derives SPLP and other-SPL integrations from tenants, subscriptions and endpoint hosts', async () => {
    const second = await makeAgency(ds, { code: 'dua', domain: 'dua.go.id' });
    const user = await makeUser(ds, 'coordinator', second);
    const bearer = `Bearer ${await issueToken(ds, user, 'access')}`;
    const send = (name: string, content: string, fields: Record<string, string> = {}) => {
      let req = http(t.app).post(`/api/v1/agencies/${second.id}/hub-imports`).set('Authorization', bearer);
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return req.attach('file', Buffer.from(content), name).expect(201);
    };
    await send(
      'hubs.csv',
      hubsCsv([
        ['splp', 'SPLP Nasional', 'NASIONAL', 'WSO2_APIM_4', 'https://splp.layanan.go.id', 'dua.go.id'],
        ['spl-dua', 'SPL Dua', 'DAERAH', 'WSO2_APIM_4', 'https://spl.dua.go.id', 'dua.go.id'],
        ['spl-prov', 'SPL Provinsi', 'DAERAH', 'WSO2_APIM_4', 'https://spl.prov.go.id', 'prov.go.id'],
      ]),
    );
    await send(
      'apis.json',
      publisherApiList([{ id: 'api-dua', name: 'Pajak', productionUrl: 'https://SPL.prov.go.id/pajak' }]),
      {
        hubId: 'spl-dua',
      },
    );
    await send(
      'subs.json',
      devportalSubscriptions([
        { apiId: 'national-api', appId: 'app-dua', appName: 'Portal Dua', owner: 'a@dua.go.id' },
      ]),
      { hubId: 'splp' },
    );
    const rows = await ds.query(
      `SELECT with_target, peer_name, description FROM integration WHERE agency_id = $1 ORDER BY with_target, peer_name`,
      [second.id],
    );
    expect(rows.map((r: { with_target: string; peer_name: string }) => [r.with_target, r.peer_name])).toEqual(
      [
        ['splp', 'SPLP Nasional'],
        ['other_spl', 'SPL Provinsi'],
      ],
    );
    expect(rows[0].description).toMatch(/subscribed_to_splp: Portal Dua -> national-api/);
    expect(rows[0].description).toMatch(/tenant_declared: SPLP Nasional: tenant dua\.go\.id \[hubs\.csv/);
    expect(rows[1].description).toMatch(/endpoint_on_other_spl: Pajak 1\.0\.0 -> spl\.prov\.go\.id/);
  });
});
