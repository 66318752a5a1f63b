import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Application } from '../../src/applications/application.entity';
import { OnboardingOverdue } from '../../src/onboarding/onboarding-overdue';
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
import { binary, browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/** The road to the SPLP as a plan: each level per unit, who is who, the page forms, overdue words. */
describe('planning the road to the SPLP', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let other: Agency;
  let kominfo: Unit;
  let dinkes: Unit;
  let disdik: Unit;
  let simpus: Application;
  let coordinator: User;
  let operator: User;
  let outsider: User;
  let periodId: string;
  const bearer = async (user: User) => `Bearer ${await issueToken(ds, user, 'access')}`;
  const api = (path: string) => `/api/v1/agencies/${agency.id}${path}`;
  const session = async (user: User) =>
    browserSession(t.config.sessionSecret, await issueToken(ds, user, 'session'));
  const page = async (user: User, path: string) =>
    http(t.app)
      .get(path)
      .set('Cookie', (await session(user)).cookie);
  const form = async (user: User, path: string, fields: [string, string][]) => {
    const s = await session(user);
    const body = new URLSearchParams([['_csrf', s.csrf], ...fields]).toString();
    return http(t.app).post(path).set('Cookie', s.cookie).type('form').send(body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    periodId = (await ds.query('SELECT id FROM period WHERE year = 2026'))[0].id;
    agency = await makeAgency(ds, { code: 'plan', domain: 'plan.go.id' });
    other = await makeAgency(ds);
    kominfo = await makeUnit(ds, agency, { code: 'DISKOMINFO', name: 'Dinas Kominfo' });
    dinkes = await makeUnit(ds, agency, { code: 'DINKES', name: 'Dinas Kesehatan' });
    disdik = await makeUnit(ds, agency, { code: 'DISDIK', name: 'Dinas Pendidikan' });
    simpus = await makeApplication(ds, dinkes, 'spl', { name: 'SIMPUS' });
    await makeApplication(ds, disdik, 'none', { name: 'Dapodik' });
    coordinator = await makeUser(ds, 'coordinator', agency, { displayName: 'Sari Kominfo' });
    operator = await makeUser(ds, 'operator', agency, { displayName: 'Budi Disdik', units: [disdik] });
    outsider = await makeUser(ds, 'coordinator', other);
  });
  afterAll(() => t.close());

  it('shows for every unit what it still lacks for each of levels 3, 4 and 5, from the level computation', async () => {
    const roadmap = await http(t.app)
      .get(api('/roadmap?sort=level'))
      .set('Authorization', await bearer(coordinator))
      .expect(200);
    const disdikGaps = (roadmap.body.rows as Array<Record<string, unknown>>).filter(
      (r) => r.kind === 'gap' && r.unitCode === 'DISDIK',
    );
    // Level 1 is not met, yet the criteria of levels 3, 4 and 5 are listed too, each for its level.
    expect(new Set(disdikGaps.map((r) => r.targetLevel))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(disdikGaps.find((r) => r.targetLevel === 3)?.what).toMatch(/Dapodik|aplikasi/i);
    const unit = (roadmap.body.units as Array<{ code: string; toLevel: unknown[] }>).find(
      (u) => u.code === 'DISDIK',
    )!;
    const open = unit.toLevel as { level: number; reached: boolean; open: number }[];
    expect(open.map((l) => l.level)).toEqual([3, 4, 5]);
    expect(open.every((l) => !l.reached)).toBe(true);
    expect(open[0].open).toBeLessThan(open[1].open);
    expect(open[1].open).toBeLessThan(open[2].open);

    const html = (await page(coordinator, `/agencies/${agency.id}/roadmap`)).text;
    expect(html).toContain('Per unit: menuju level 3, 4 dan 5');
    expect(html).toContain('Menuju level 5');
    expect(html).toContain(`${open[2].open} terbuka`);
    const xlsx = await http(t.app)
      .get(api('/roadmap.xlsx'))
      .set('Authorization', await bearer(coordinator))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    const perUnit: string[] = [];
    book.getWorksheet('Per unit')!.eachRow((r) => perUnit.push(r.values!.toString()));
    expect(perUnit.find((line) => line.includes('DISDIK'))).toContain(`${open[2].open} terbuka`);
    const en = (await page(coordinator, `/agencies/${agency.id}/roadmap?lang=en`)).text;
    expect(en).toContain('Per unit: towards levels 3, 4 and 5');
    // The engine's gaps in English, naming units by name (the table's words, not its links).
    const items = /<table class="table" id="roadmap-items">([\s\S]*?)<\/table>/
      .exec(en)![1]
      .replace(/<[^>]+>/g, ' ');
    expect(items).toContain('Dinas Pendidikan');
    expect(items).toMatch(/through the SPL/i);
    expect(items).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  });

  it('records who is who and shows it on the roadmap, within the access rules', async () => {
    const a = await bearer(coordinator);
    const put = (role: string, body: object, auth = a) =>
      http(t.app)
        .put(api(`/onboarding/roles/${role}`))
        .set('Authorization', auth)
        .send(body);
    await put('spl_operator', { version: 0, unitId: kominfo.id }).expect(200);
    await put('data_steward', { version: 0, userId: coordinator.id, unitId: kominfo.id }).expect(200);
    await put('splp_contact', { version: 0, userId: operator.id }).expect(200);
    await put('data_service', { version: 0, unitId: dinkes.id, serviceRole: 'provider' }).expect(200);
    const roles = await put('app_owner', {
      version: 0,
      applicationId: simpus.id,
      userId: coordinator.id,
    }).expect(200);
    expect(roles.body.agency).toEqual([
      expect.objectContaining({ role: 'spl_operator', unitName: 'Dinas Kominfo', version: 1 }),
      expect.objectContaining({ role: 'data_steward', userName: 'Sari Kominfo', unitName: 'Dinas Kominfo' }),
      expect.objectContaining({ role: 'splp_contact', userName: 'Budi Disdik' }),
    ]);
    expect(roles.body.units).toContainEqual(
      expect.objectContaining({ code: 'DINKES', serviceRole: 'provider' }),
    );

    // Stale version, a person of another agency, a role that does not exist.
    await put('spl_operator', { version: 0, unitId: dinkes.id }).expect(409);
    await put('splp_contact', { version: 1, userId: outsider.id }).expect(400);
    await put('chief', { version: 0 }).expect(404);
    // An operator limited to a unit sets that unit's role only.
    const o = await bearer(operator);
    await put('data_service', { version: 0, unitId: disdik.id, serviceRole: 'consumer' }, o).expect(200);
    await put('data_service', { version: 1, unitId: dinkes.id, serviceRole: 'consumer' }, o).expect(403);
    await put('spl_operator', { version: 1, unitId: disdik.id }, o).expect(403);
    await http(t.app)
      .get(api('/onboarding/roles'))
      .set('Authorization', await bearer(outsider))
      .expect(404);

    const html = (await page(coordinator, `/agencies/${agency.id}/roadmap`)).text;
    expect(html).toMatch(/Unit pengelola SPL<\/strong>: Dinas Kominfo/);
    expect(html).toMatch(/Wali Data<\/strong>: Dinas Kominfo · Sari Kominfo/);
    expect(html).toContain('Penyedia layanan data');
    expect(html).toContain('Pengguna layanan data');
    // SIMPUS's steps have no owner of their own: its responsible person answers for them.
    const roadmap = await http(t.app).get(api('/roadmap')).set('Authorization', a).expect(200);
    expect(roadmap.body.rows).toContainEqual(
      expect.objectContaining({ kind: 'step', applicationName: 'SIMPUS', ownerName: 'Sari Kominfo' }),
    );
    const steps = (await page(coordinator, `/agencies/${agency.id}/roadmap/applications/${simpus.id}`)).text;
    expect(steps).toMatch(/Penanggung jawab aplikasi: Sari Kominfo/);

    // The page form writes the same way.
    const posted = await form(operator, `/agencies/${agency.id}/roadmap/roles/app_owner`, [
      ['version', '0'],
      ['applicationId', simpus.id],
      ['userId', operator.id],
    ]);
    expect(posted.status).toBe(403);
    const rolesPage = (await page(operator, `/agencies/${agency.id}/roadmap/roles`)).text;
    expect(rolesPage).toContain('Siapa melakukan apa');
    expect(rolesPage).toContain('Budi Disdik');
  });

  it('takes dates written dd/mm/yyyy and evidence picked from the list in the step form', async () => {
    const first = await makeEvidence(ds, agency, { id: periodId } as never, {
      kind: 'operating_documentation',
      title: 'Dokumen arsitektur SIMPUS',
    });
    const second = await makeEvidence(ds, agency, { id: periodId } as never, {
      kind: 'api_list',
      title: 'Daftar API SIMPUS',
    });
    const path = `/agencies/${agency.id}/roadmap/applications/${simpus.id}`;
    const before = (await page(coordinator, path)).text;
    expect(before).toContain('Dokumen arsitektur SIMPUS');
    expect(before).toContain('placeholder="hh/bb/tttt"');

    const bad = await form(coordinator, `${path}/app_docs`, [
      ['version', '0'],
      ['status', 'in_progress'],
      ['dueOn', '31/02/2026'],
    ]);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Tenggat: &quot;31/02/2026&quot; bukan tanggal yang benar');

    const saved = await form(coordinator, `${path}/app_docs`, [
      ['version', '0'],
      ['status', 'done'],
      ['startedOn', '2/1/2026'],
      ['dueOn', '15/01/2026'],
      ['doneOn', '14/01/2026'],
      ['evidencePicker', '1'],
      ['evidenceIds', first.id],
      ['evidenceIds', second.id],
    ]);
    expect(saved.status).toBe(303);
    const a = await bearer(coordinator);
    const step = async () =>
      (
        await http(t.app)
          .get(api(`/onboarding/${simpus.id}`))
          .set('Authorization', a)
      ).body.steps[0];
    expect(await step()).toMatchObject({
      item: 'app_docs',
      startedOn: '2026-01-02',
      dueOn: '2026-01-15',
      doneOn: '2026-01-14',
      evidenceIds: [first.id, second.id],
    });
    const after = (await page(coordinator, path)).text;
    expect(after).toContain('value="15/01/2026"');
    expect(after).toMatch(/Selesai: 14\/01\/2026/);
    expect(after).toContain(
      `href="/agencies/${agency.id}/evidence/${first.id}">Dokumen arsitektur SIMPUS</a>`,
    );

    // A done date in the future, or on an item not done, is refused.
    const future = await form(coordinator, `${path}/app_docs`, [
      ['version', '1'],
      ['doneOn', '01/01/2099'],
    ]);
    expect(future.status).toBe(400);
    expect(future.text).toContain('doneOn: tidak boleh setelah hari ini');
    const notDone = await form(coordinator, `${path}/pilot`, [
      ['version', '0'],
      ['status', 'in_progress'],
      ['doneOn', '14/01/2026'],
    ]);
    expect(notDone.status).toBe(400);
    expect(notDone.text).toContain('hanya butir yang selesai yang memiliki tanggal selesai');
    // Done before started is refused; unticking every item unlinks them.
    const backwards = await form(coordinator, `${path}/app_docs`, [
      ['version', '1'],
      ['doneOn', '01/01/2026'],
    ]);
    expect(backwards.status).toBe(400);
    await form(coordinator, `${path}/app_docs`, [
      ['version', '1'],
      ['evidencePicker', '1'],
    ]).then((r) => expect(r.status).toBe(303));
    expect((await step()).evidenceIds).toEqual([]);

    // Checklist items take picked evidence too.
    const checklist = await form(coordinator, `/agencies/${agency.id}/roadmap/checklists/requirements/bus`, [
      ['version', '0'],
      ['status', 'in_progress'],
      ['dueOn', '10/01/2026'],
      ['ownerId', coordinator.id],
      ['evidencePicker', '1'],
      ['evidenceIds', second.id],
    ]);
    expect(checklist.status).toBe(303);
    const lists = (await page(coordinator, `/agencies/${agency.id}/roadmap/checklists`)).text;
    expect(lists).toContain('>Daftar API SIMPUS</a>');
    expect(lists).toContain('value="10/01/2026"');
  });

  it('tells the owner of an overdue item in Indonesian or English, from the catalogue', async () => {
    expect(await t.app.get(OnboardingOverdue).sweep('2026-02-01')).toBe(1);
    const id = (await page(coordinator, '/inbox')).text;
    expect(id).toContain('Lewat tenggat 10 Januari 2026: Bus integrasi, bukan point-to-point');
    const en = (await page(coordinator, '/inbox?lang=en')).text;
    expect(en).toContain('Overdue since 10 January 2026: An integration bus, not point-to-point');
  });
});
