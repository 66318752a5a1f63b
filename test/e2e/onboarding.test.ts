import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Application } from '../../src/applications/application.entity';
import { publisherApiList } from '../../src/hub/hub-fixtures.testing';
import { OnboardingOverdue } from '../../src/onboarding/onboarding-overdue';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
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

describe('the road to the SPLP', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let other: Agency;
  let dinkes: Unit;
  let disdik: Unit;
  let simpus: Application;
  let coordinator: User;
  let operator: User;
  let outsider: User;
  const bearer = async (user: User) => `Bearer ${await issueToken(ds, user, 'access')}`;
  const api = (path: string) => `/api/v1/agencies/${agency.id}${path}`;
  const page = async (user: User, path: string) => {
    const { cookie } = browserSession(t.config.sessionSecret, await issueToken(ds, user, 'session'));
    return http(t.app).get(path).set('Cookie', cookie);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'road', domain: 'road.go.id' });
    other = await makeAgency(ds);
    dinkes = await makeUnit(ds, agency, { code: 'DINKES', name: 'Dinas Kesehatan' });
    disdik = await makeUnit(ds, agency, { code: 'DISDIK', name: 'Dinas Pendidikan' });
    simpus = await makeApplication(ds, dinkes, 'spl', { name: 'SIMPUS' });
    coordinator = await makeUser(ds, 'coordinator', agency);
    operator = await makeUser(ds, 'operator', agency, { units: [disdik] });
    outsider = await makeUser(ds, 'coordinator', other);
  });
  afterAll(() => t.close());

  it('records usage type, API, operating and common or sector per application in the API, page and import', async () => {
    const a = await bearer(coordinator);
    const created = await http(t.app)
      .post(api('/applications'))
      .set('Authorization', a)
      .send({ unitId: disdik.id, name: 'Dapodik', usageType: 'api_ready', hasApi: true, appScope: 'common' })
      .expect(201);
    expect(created.body).toMatchObject({
      usageType: 'api_ready',
      hasApi: true,
      operating: true,
      appScope: 'common',
    });
    const updated = await http(t.app)
      .patch(api(`/applications/${created.body.id}`))
      .set('Authorization', a)
      .send({ version: 1, usageType: 'spl_ippd_ready', operating: false })
      .expect(200);
    expect(updated.body).toMatchObject({ usageType: 'spl_ippd_ready', operating: false, hasApi: true });
    await http(t.app)
      .patch(api(`/applications/${created.body.id}`))
      .set('Authorization', a)
      .send({ version: 2, usageType: 'esb' })
      .expect(400);

    const bad =
      'unit_code,name,usage_type,has_api,app_scope\nDINKES,Gizi,scratch,tidak,sektoral\nDINKES,Lab,kilat,ya,umum\n';
    const refused = await http(t.app)
      .post(api('/imports/applications'))
      .set('Authorization', a)
      .field('dryRun', 'false')
      .attach('file', Buffer.from(bad), 'apps.csv')
      .expect(422);
    expect(JSON.stringify(refused.body)).toMatch(/usage_type/);
    const good =
      'unit_code,name,usage_type,has_api,app_scope\nDINKES,Gizi,scratch,tidak,sektoral\nDINKES,SIMPUS,,ya,umum\n';
    await http(t.app)
      .post(api('/imports/applications'))
      .set('Authorization', a)
      .field('dryRun', 'false')
      .attach('file', Buffer.from(good), 'apps.csv')
      .expect(200);
    const apps = await http(t.app)
      .get(api(`/applications?unitId=${dinkes.id}`))
      .set('Authorization', a)
      .expect(200);
    expect(apps.body.items.map((x: Application) => [x.name, x.usageType, x.hasApi, x.appScope])).toEqual([
      ['Gizi', 'scratch', false, 'sector'],
      ['SIMPUS', 'not_integrated', true, 'common'],
    ]);

    const html = (await page(coordinator, `/agencies/${agency.id}/applications`).then(
      (r) => r.text,
    )) as string;
    expect(html).toContain('SPL IPPD Ready (SPL sendiri terfederasi dengan SPLP)');
    expect(html).toContain('Aplikasi umum');
    expect(html).toContain('tidak beroperasi');
  });

  it('tracks the five SPLP steps of an application with owner, due date and evidence, on the agency write path', async () => {
    const a = await bearer(coordinator);
    const fresh = await http(t.app)
      .get(api(`/onboarding/${simpus.id}`))
      .set('Authorization', a)
      .expect(200);
    expect(fresh.body.steps.map((s: { item: string }) => s.item)).toEqual([
      'app_docs',
      'data_api_docs',
      'publish',
      'test',
      'pilot',
    ]);
    expect(fresh.body.steps.every((s: { status: string }) => s.status === 'not_started')).toBe(true);

    const period = await ds.query('SELECT id FROM period WHERE year = 2026');
    const evidence = await makeEvidence(ds, agency, { id: period[0].id } as never, {
      kind: 'operating_documentation',
    });
    const levels = () =>
      http(t.app)
        .get(api('/periods/2026/levels'))
        .set('Authorization', a)
        .expect(200)
        .then((r) => r.body as { factsHash: string; supported: unknown });
    const written = await http(t.app)
      .put(api(`/onboarding/${simpus.id}/app_docs`))
      .set('Authorization', a)
      .send({
        version: 0,
        status: 'done',
        ownerId: coordinator.id,
        dueOn: '2026-03-31',
        evidenceIds: [evidence.id],
      })
      .expect(200);
    expect(written.body).toMatchObject({
      status: 'done',
      source: 'person',
      ownerName: coordinator.displayName,
      dueOn: '2026-03-31',
      evidenceIds: [evidence.id],
      version: 1,
    });
    expect(written.body.doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The steps plan and explain Indicators 7 and 18; they are no input of their levels.
    const before = await levels();
    await http(t.app)
      .put(api(`/onboarding/${simpus.id}/data_api_docs`))
      .set('Authorization', a)
      .send({ version: 0, status: 'in_progress' })
      .expect(200);
    const after = await levels();
    expect(after.factsHash).toBe(before.factsHash);
    expect(after.supported).toEqual(before.supported);
    // A stale version, an owner or evidence of another agency, and another agency's user are refused.
    await http(t.app)
      .put(api(`/onboarding/${simpus.id}/app_docs`))
      .set('Authorization', a)
      .send({ version: 0, status: 'in_progress' })
      .expect(409);
    await http(t.app)
      .put(api(`/onboarding/${simpus.id}/data_api_docs`))
      .set('Authorization', a)
      .send({ version: 1, ownerId: outsider.id })
      .expect(400);
    await http(t.app)
      .put(api(`/onboarding/${simpus.id}/nonsense`))
      .set('Authorization', a)
      .send({ version: 0 })
      .expect(404);
    await http(t.app)
      .put(api(`/onboarding/${simpus.id}/pilot`))
      .set('Authorization', await bearer(outsider))
      .send({ version: 0, status: 'done' })
      .expect(404);
    // An operator limited to DISDIK cannot plan DINKES's application.
    await http(t.app)
      .put(api(`/onboarding/${simpus.id}/pilot`))
      .set('Authorization', await bearer(operator))
      .send({ version: 0, status: 'done' })
      .expect(403);
    const log = await ds.query(
      "SELECT action FROM change_log WHERE entity_type = 'onboarding_item' AND agency_id = $1",
      [agency.id],
    );
    expect(log).toEqual([{ action: 'create' }, { action: 'create' }]);

    const html = (await page(coordinator, `/agencies/${agency.id}/roadmap/applications/${simpus.id}`)).text;
    expect(html).toContain('Dokumentasi aplikasi');
    expect(html).toContain('Mempublikasikan layanan dan API di SPLP');
    expect(html).toContain(coordinator.displayName);
  });

  it('ticks publishing and testing from the hub data with the proof, and wants a note to go against it', async () => {
    const a = await bearer(coordinator);
    // Without hub data a person may mark publishing done.
    const pilotApp = await makeApplication(ds, disdik, 'spl', { name: 'SIAKAD' });
    await http(t.app)
      .put(api(`/onboarding/${pilotApp.id}/publish`))
      .set('Authorization', a)
      .send({ version: 0, status: 'done' })
      .expect(200);

    await http(t.app)
      .post(api('/hub-imports'))
      .set('Authorization', a)
      .attach(
        'file',
        Buffer.from(publisherApiList([{ id: 'api-simpus', name: 'Simpus API', context: '/simpus' }])),
        'apis.json',
      )
      .expect(201);
    await ds.query(
      "UPDATE hub_api SET application_id = $1 WHERE agency_id = $2 AND source_id = 'api-simpus'",
      [simpus.id, agency.id],
    );
    const steps = await http(t.app)
      .get(api(`/onboarding/${simpus.id}`))
      .set('Authorization', a)
      .expect(200);
    const publish = steps.body.steps.find((s: { item: string }) => s.item === 'publish');
    expect(publish).toMatchObject({
      status: 'done',
      source: 'hub',
      hubProof: { detail: expect.stringContaining('Simpus API') },
    });
    expect(publish.hubProof.fileName).toBe('apis.json');

    // Against the proof: not done needs a note; with one it holds and says so.
    const refused = await http(t.app)
      .put(api(`/onboarding/${simpus.id}/publish`))
      .set('Authorization', a)
      .send({ version: 0, status: 'in_progress' })
      .expect(400);
    expect(refused.body.message).toMatch(/^note:/);
    const against = await http(t.app)
      .put(api(`/onboarding/${simpus.id}/publish`))
      .set('Authorization', a)
      .send({ version: 0, status: 'in_progress', note: 'API uji coba, belum produksi' })
      .expect(200);
    expect(against.body).toMatchObject({
      status: 'in_progress',
      againstHub: true,
      note: 'API uji coba, belum produksi',
    });
    // Now the agency has hub data: testing done with no calls in it needs a note too.
    await http(t.app)
      .put(api(`/onboarding/${simpus.id}/test`))
      .set('Authorization', a)
      .send({ version: 0, status: 'done' })
      .expect(400);

    const html = (await page(coordinator, `/agencies/${agency.id}/roadmap/applications/${simpus.id}`)).text;
    expect(html).toContain('Simpus API');
    expect(html).toContain('dicatat berbeda dari data SPL');
  });

  it('keeps the agency checklists with owner and due date, for the whole agency only', async () => {
    const a = await bearer(coordinator);
    const lists = await http(t.app).get(api('/checklists')).set('Authorization', a).expect(200);
    expect(lists.body.map((l: { key: string; items: unknown[] }) => [l.key, l.items.length])).toEqual([
      ['stages', 8],
      ['requirements', 3],
      ['obligations', 3],
    ]);
    const item = await http(t.app)
      .put(api('/checklists/requirements/metadata_repository'))
      .set('Authorization', a)
      .send({ version: 0, status: 'in_progress', ownerId: coordinator.id, dueOn: '2026-01-10' })
      .expect(200);
    expect(item.body).toMatchObject({ status: 'in_progress', dueOn: '2026-01-10', version: 1 });
    await http(t.app)
      .put(api('/checklists/stages/metadata_repository'))
      .set('Authorization', a)
      .send({ version: 0 })
      .expect(404);
    await http(t.app)
      .put(api('/checklists/obligations/intranet_connection'))
      .set('Authorization', await bearer(operator))
      .send({ version: 0, status: 'done' })
      .expect(403);
    // The service directory: generated from the hub's API list as evidence and linked to the item.
    const generated = await http(t.app)
      .post(api('/checklists/requirements/service_directory/generate'))
      .set('Authorization', a)
      .expect(201);
    expect(generated.body).toMatchObject({ item: 'service_directory', evidenceIds: [expect.any(String)] });
    const [kind] = await ds.query('SELECT kind FROM evidence WHERE id = $1', [generated.body.evidenceIds[0]]);
    expect(kind).toEqual({ kind: 'api_list' });
    const html = (await page(coordinator, `/agencies/${agency.id}/roadmap/checklists`)).text;
    // The linked evidence is shown by its title, linking to it.
    expect(html).toContain(`/evidence/${generated.body.evidenceIds[0]}">`);
    expect(html).toContain('Repositori metadata');
    expect(html).toContain('Kewajiban Perpres 95/2018 Pasal 33 ayat (3)');
    expect(html).toContain('Sedang berjalan');
  });

  it('shows per unit what stands between it and levels 3 to 5, sorted, and exports it as XLSX', async () => {
    const a = await bearer(coordinator);
    const roadmap = await http(t.app).get(api('/roadmap?sort=due')).set('Authorization', a).expect(200);
    const rows = roadmap.body.rows as Array<Record<string, unknown>>;
    expect(rows.some((r) => r.kind === 'gap' && r.unitCode === 'DISDIK')).toBe(true);
    expect(rows).toContainEqual(
      expect.objectContaining({ kind: 'step', unitCode: 'DINKES', item: 'pilot', applicationName: 'SIMPUS' }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ kind: 'checklist', item: 'metadata_repository', dueOn: '2026-01-10' }),
    );
    // Sorted by due date: dated rows first.
    expect(rows[0].dueOn).toBe('2026-01-10');
    expect(roadmap.body.progress).toHaveLength(12);
    const last = roadmap.body.progress[11];
    expect(last.applications).toBe(4);
    expect(last.usage.scratch).toBe(25);

    const xlsx = await http(t.app)
      .get(api('/roadmap.xlsx'))
      .set('Authorization', a)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = book.worksheets[0];
    const texts: string[] = [];
    sheet.eachRow((r) => texts.push(r.values!.toString()));
    expect(texts.join('\n')).toContain('Piloting integrasi sistem – SIMPUS');

    const html = (await page(coordinator, `/agencies/${agency.id}/roadmap?sort=owner`)).text;
    expect(html).toContain('Peta jalan menuju SPLP');
    expect(html).toContain('Piloting integrasi sistem – SIMPUS');
    expect(html).toContain('<svg');
    await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/roadmap`)
      .set('Authorization', await bearer(outsider))
      .expect(404);
  });

  it('puts the progress to the SPLP on one page of the agency PDF summary', async () => {
    const pdf = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/reports/summary.pdf`)
      .set('Authorization', await bearer(coordinator))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const pages = await pdfPageTexts(pdf.body as Buffer);
    const progress = pages.filter((p) => p.includes('Jalan menuju SPLP: kemajuan per bulan'));
    expect(progress).toHaveLength(1);
    expect(progress[0]).toContain('Aplikasi menurut tipe pemanfaatan SPLP (%)');
    expect(progress[0]).toContain('Dok. aplikasi');
    expect(progress[0]).toContain('SPL IPPD Ready');
  });

  it('tells the owner of an overdue item once, in the inbox', async () => {
    const sweeper = t.app.get(OnboardingOverdue);
    expect(await sweeper.sweep('2026-02-01')).toBe(1);
    expect(await sweeper.sweep('2026-02-02')).toBe(0);
    const html = (await page(coordinator, '/inbox')).text;
    expect(html).toContain('Lewat tenggat 10 Januari 2026: Repositori metadata');
  });

  it('shows the SPL record and the hub as one SPL, deriving the SPLP connection and saying from what', async () => {
    const a = await bearer(coordinator);
    await http(t.app)
      .post(api('/spl'))
      .set('Authorization', a)
      .send({ name: 'SPL Kabupaten', connectedToSplp: true })
      .expect(201);
    let html = (await page(coordinator, `/agencies/${agency.id}/spl`)).text;
    expect(html).toContain('Belum terbukti terhubung dengan SPLP');
    expect(html).toContain('Pernyataan tim pada catatan SPL berbeda');

    const period = await ds.query('SELECT id FROM period WHERE year = 2026');
    const evidence = await makeEvidence(ds, agency, { id: period[0].id } as never, {
      kind: 'integration_screenshot',
    });
    await http(t.app)
      .post(api('/integrations'))
      .set('Authorization', a)
      .send({ withTarget: 'splp', peerName: 'SPLP Nasional', evidenceIds: [evidence.id] })
      .expect(201);
    html = (await page(coordinator, `/agencies/${agency.id}/spl`)).text;
    expect(html).toContain('Terhubung dengan SPLP');
    expect(html).toContain('terbukti dari integrasi dengan SPLP yang memiliki bukti dukung');
    expect(html).toContain('SPLP Nasional: 1 bukti dukung');
    expect(html).not.toContain('Pernyataan tim pada catatan SPL berbeda');
  });

  it('refuses writes while the agency data is locked by the workflow', async () => {
    await ds.query("UPDATE period SET stage = 'document_review' WHERE year = 2026");
    try {
      await http(t.app)
        .put(api('/checklists/obligations/intranet_connection'))
        .set('Authorization', await bearer(coordinator))
        .send({ version: 0, status: 'done' })
        .expect(409);
    } finally {
      await ds.query("UPDATE period SET stage = 'self_assessment' WHERE year = 2026");
    }
  });
});
