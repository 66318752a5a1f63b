import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Change } from '../../src/changes/change.entity';
import { Evidence } from '../../src/evidence/evidence.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

describe('agency data through the API and pages', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let other: Agency;
  let coordinator: User;
  let admin: User;
  const auth = async (user: User) => `Bearer ${await issueToken(ds, user, 'access')}`;
  const api = (path: string) => `/api/v1/agencies/${agency.id}${path}`;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    agency = await makeAgency(ds);
    other = await makeAgency(ds);
    coordinator = await makeUser(ds, 'coordinator', agency);
    admin = await makeUser(ds, 'admin', null);
  });
  afterAll(() => t.close());

  it('creates, lists with filters and pages, updates and deletes units', async () => {
    const a = await auth(coordinator);
    const created = await http(t.app)
      .post(api('/units'))
      .set('Authorization', a)
      .send({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'DINKES', inScope: true, version: 1, applications: 0 });
    await http(t.app)
      .post(api('/units'))
      .set('Authorization', a)
      .send({
        code: 'KEC1',
        name: 'Kecamatan Satu',
        kind: 'kecamatan',
        inScope: false,
        outOfScopeReason: 'Tanpa aplikasi',
      })
      .expect(201);
    for (let i = 0; i < 3; i++) await makeUnit(ds, agency, { code: `Z-${i}`, kind: 'badan' });

    const out = await http(t.app).get(api('/units?inScope=false')).set('Authorization', a).expect(200);
    expect(out.body.items.map((u: Unit) => u.code)).toEqual(['KEC1']);
    const kind = await http(t.app)
      .get(api('/units?kind=dinas&q=kesehatan'))
      .set('Authorization', a)
      .expect(200);
    expect(kind.body.total).toBe(1);
    const paged = await http(t.app).get(api('/units?pageSize=2&page=2')).set('Authorization', a).expect(200);
    expect(paged.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(2);
    await http(t.app).get(api('/units?pageSize=500')).set('Authorization', a).expect(400);

    const id = created.body.id as string;
    const updated = await http(t.app)
      .patch(api(`/units/${id}`))
      .set('Authorization', a)
      .send({ version: 1, name: 'Dinas Kesehatan Daerah' })
      .expect(200);
    expect(updated.body).toMatchObject({ name: 'Dinas Kesehatan Daerah', version: 2 });
    const stale = await http(t.app)
      .patch(api(`/units/${id}`))
      .set('Authorization', a)
      .send({ version: 1, name: 'Lost update' })
      .expect(409);
    expect(stale.body.message).toMatch(/diubah orang lain \(versi 2, Anda mengirim 1\)/);

    await http(t.app)
      .delete(api(`/units/${id}`))
      .set('Authorization', a)
      .expect(204);
    await http(t.app)
      .get(api(`/units/${id}`))
      .set('Authorization', a)
      .expect(404);
  });

  it('names the field of bad input and writes nothing', async () => {
    const a = await auth(coordinator);
    const before = await ds.getRepository(Unit).count();
    const reason = await http(t.app)
      .post(api('/units'))
      .set('Authorization', a)
      .send({ code: 'OUT', name: 'Out', inScope: false })
      .expect(400);
    expect(reason.body).toMatchObject({
      code: 'msg.units.reason_required',
      message: 'outOfScopeReason: wajib diisi bila unit di luar cakupan.',
    });
    const kind = await http(t.app)
      .post(api('/units'))
      .set('Authorization', a)
      .send({ code: 'K', name: 'K', kind: 'castle' })
      .expect(400);
    expect(kind.body).toMatchObject({
      code: 'validation.failed',
      details: [{ field: 'kind', code: 'msg.validation.choice' }],
    });
    expect(kind.body.message).toBe('kind: pilih salah satu nilai yang tersedia.');
    const unknown = await http(t.app)
      .post(api('/units'))
      .set('Authorization', a)
      .send({ code: 'K', name: 'K', color: 'red' })
      .expect(400);
    expect(JSON.stringify(unknown.body.message)).toMatch(/color/);
    await makeUnit(ds, agency, { code: 'TAKEN' });
    const dup = await http(t.app)
      .post(api('/units'))
      .set('Authorization', a)
      .send({ code: 'TAKEN', name: 'Again' })
      .expect(409);
    expect(dup.body.message).toMatch(/^code:/);
    expect(await ds.getRepository(Unit).count()).toBe(before + 1);
  });

  it('keeps applications to units of the agency, refuses deleting a unit that has some, and hides other agencies', async () => {
    const a = await auth(coordinator);
    const unit = await makeUnit(ds, agency, { code: 'BKD' });
    const foreign = await makeUnit(ds, other);
    const app = await http(t.app)
      .post(api('/applications'))
      .set('Authorization', a)
      .send({ unitId: unit.id, name: 'SIMPEG', exchange: 'spl' })
      .expect(201);
    expect(app.body).toMatchObject({ unitCode: 'BKD', exchange: 'spl' });
    await http(t.app)
      .post(api('/applications'))
      .set('Authorization', a)
      .send({ unitId: unit.id, name: 'Absensi', exchange: 'point_to_point' })
      .expect(201);
    const wrongUnit = await http(t.app)
      .post(api('/applications'))
      .set('Authorization', a)
      .send({ unitId: foreign.id, name: 'X' })
      .expect(400);
    expect(wrongUnit.body.message).toMatch(/^unitId:/);
    const dup = await http(t.app)
      .post(api('/applications'))
      .set('Authorization', a)
      .send({ unitId: unit.id, name: 'SIMPEG' })
      .expect(409);
    expect(dup.body.message).toMatch(/^name:/);

    const spl = await http(t.app)
      .get(api(`/applications?unitId=${unit.id}&exchange=spl`))
      .set('Authorization', a)
      .expect(200);
    expect(spl.body.items.map((x: { name: string }) => x.name)).toEqual(['SIMPEG']);

    const refused = await http(t.app)
      .delete(api(`/units/${unit.id}`))
      .set('Authorization', a)
      .expect(409);
    expect(refused.body.message).toMatch(/masih memiliki 2 aplikasi/);

    await http(t.app)
      .get(api(`/units/${foreign.id}`))
      .set('Authorization', a)
      .expect(404);
    await http(t.app).get(`/api/v1/agencies/${other.id}/units`).set('Authorization', a).expect(404);
    await http(t.app)
      .patch(api(`/applications/${app.body.id}`))
      .set('Authorization', await auth(await makeUser(ds, 'coordinator', other)))
      .send({ version: 1 })
      .expect(404);
  });

  it('limits an operator with units to applications of those units', async () => {
    const mine = await makeUnit(ds, agency);
    const notMine = await makeUnit(ds, agency);
    const operator = await makeUser(ds, 'operator', agency, { units: [mine] });
    const a = await auth(operator);
    await http(t.app)
      .post(api('/applications'))
      .set('Authorization', a)
      .send({ unitId: mine.id, name: 'Mine' })
      .expect(201);
    const refused = await http(t.app)
      .post(api('/applications'))
      .set('Authorization', a)
      .send({ unitId: notMine.id, name: 'Not mine' })
      .expect(403);
    expect(refused.body.message).toMatch(/unit kerja Anda sendiri/);
    const unit = await http(t.app)
      .post(api('/units'))
      .set('Authorization', a)
      .send({ code: 'OPX', name: 'x' })
      .expect(403);
    expect(unit.body.message).toMatch(/hanya dapat mengubah aplikasi unit tersebut/);
    await http(t.app).post(api('/policies')).set('Authorization', a).send({ title: 'x' }).expect(403);
  });

  it('validates policies: enacted needs a date, units, replaced policy and evidence of this agency', async () => {
    const a = await auth(coordinator);
    const foreignUnit = await makeUnit(ds, other);
    const noDate = await http(t.app)
      .post(api('/policies'))
      .set('Authorization', a)
      .send({ title: 'Perbup SPL', status: 'enacted' })
      .expect(400);
    expect(noDate.body.message).toMatch(/^date:/);
    const badDate = await http(t.app)
      .post(api('/policies'))
      .set('Authorization', a)
      .send({ title: 'Perbup SPL', date: '2025-02-30' })
      .expect(400);
    expect(JSON.stringify(badDate.body.message)).toMatch(/date: harus tanggal yang sah, ditulis TTTT-BB-HH/);
    const units = await http(t.app)
      .post(api('/policies'))
      .set('Authorization', a)
      .send({ title: 'Perbup SPL', date: '2025-01-10', allUnits: false, unitIds: [foreignUnit.id] })
      .expect(400);
    expect(units.body.message).toBe('unitIds: setiap unit kerja harus milik instansi ini.');
    const evidence = await http(t.app)
      .post(api('/policies'))
      .set('Authorization', a)
      .send({
        title: 'Perbup SPL',
        date: '2025-01-10',
        evidenceIds: ['00000000-0000-4000-8000-000000000009'],
      })
      .expect(400);
    expect(evidence.body.message).toMatch(/^evidenceIds:/);

    const first = await http(t.app)
      .post(api('/policies'))
      .set('Authorization', a)
      .send({ title: 'Perbup 1', status: 'enacted', date: '2024-01-10' })
      .expect(201);
    const replaces = await http(t.app)
      .post(api('/policies'))
      .set('Authorization', a)
      .send({ title: 'Perbup 2', date: '2025-03-01', replacesId: '00000000-0000-4000-8000-000000000009' })
      .expect(400);
    expect(replaces.body.message).toBe('replacesId: harus kebijakan lain milik instansi ini.');
    const second = await http(t.app)
      .post(api('/policies'))
      .set('Authorization', a)
      .send({ title: 'Perbup 2', date: '2025-03-01', replacesId: first.body.id })
      .expect(201);
    expect(second.body).toMatchObject({ status: 'draft', replacesId: first.body.id });
    const self = await http(t.app)
      .patch(api(`/policies/${second.body.id}`))
      .set('Authorization', a)
      .send({ version: 1, replacesId: second.body.id })
      .expect(400);
    expect(self.body.message).toMatch(/^replacesId:/);
    const enacted = await http(t.app)
      .get(api('/policies?status=enacted'))
      .set('Authorization', a)
      .expect(200);
    expect(enacted.body.items.map((p: { title: string }) => p.title)).toEqual(['Perbup 1']);
  });

  it('records reviews with follow-ups, and filters by subject', async () => {
    const a = await auth(coordinator);
    const review = await http(t.app)
      .post(api('/reviews'))
      .set('Authorization', a)
      .send({ subject: 'spl', date: '2025-11-20', findings: 'API belum terdokumentasi' })
      .expect(201);
    await http(t.app)
      .post(api('/reviews'))
      .set('Authorization', a)
      .send({ subject: 'policy', date: '2025-10-01' })
      .expect(201);
    const spl = await http(t.app).get(api('/reviews?subject=spl')).set('Authorization', a).expect(200);
    expect(spl.body.items).toHaveLength(1);
    const base = `/reviews/${review.body.id}/follow-ups`;
    const done = await http(t.app)
      .post(api(base))
      .set('Authorization', a)
      .send({ finding: 'Dokumentasi', status: 'done' })
      .expect(400);
    expect(done.body.message).toBe('date: wajib diisi bila tindak lanjut sudah selesai.');
    const fu = await http(t.app)
      .post(api(base))
      .set('Authorization', a)
      .send({ finding: 'Dokumentasi' })
      .expect(201);
    const patched = await http(t.app)
      .patch(api(`${base}/${fu.body.id}`))
      .set('Authorization', a)
      .send({ version: 1, status: 'done', date: '2026-01-15' })
      .expect(200);
    expect(patched.body).toMatchObject({ status: 'done', date: '2026-01-15', version: 2 });
    const list = await http(t.app).get(api(base)).set('Authorization', a).expect(200);
    expect(list.body.total).toBe(1);
  });

  it('records history with before and after, and shows it on the detail page', async () => {
    const a = await auth(coordinator);
    const unit = await http(t.app)
      .post(api('/units'))
      .set('Authorization', a)
      .send({ code: 'HIST', name: 'Awal' })
      .expect(201);
    await http(t.app)
      .patch(api(`/units/${unit.body.id}`))
      .set('Authorization', a)
      .send({ version: 1, name: 'Akhir' })
      .expect(200);
    const history = await http(t.app)
      .get(api(`/history/unit/${unit.body.id}`))
      .set('Authorization', a)
      .expect(200);
    expect(history.body).toHaveLength(2);
    expect(history.body[0]).toMatchObject({
      action: 'update',
      actorName: coordinator.username,
      changed: ['name'],
    });
    expect(history.body[0].before).toMatchObject({ name: 'Awal' });
    expect(history.body[0].after).toMatchObject({ name: 'Akhir' });
    expect(await ds.getRepository(Change).count({ where: { entityId: unit.body.id } })).toBe(2);
    const outsider = await makeUser(ds, 'coordinator', other);
    await http(t.app)
      .get(`/api/v1/agencies/${other.id}/history/unit/${unit.body.id}`)
      .set('Authorization', await auth(outsider))
      .expect(404);

    const session = await issueToken(ds, coordinator, 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const page = await http(t.app)
      .get(`/agencies/${agency.id}/units/${unit.body.id}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('Riwayat perubahan');
    expect(page.text).toContain('Akhir');
  });

  it('recomputes the stored levels on every change', async () => {
    const fresh = await makeAgency(ds);
    const coord = await makeUser(ds, 'coordinator', fresh);
    const a = await auth(coord);
    const period = await makePeriod(ds, { year: 2031, asOf: '2031-10-31' });
    const unit = await makeUnit(ds, fresh);
    await ds.getRepository(Evidence).save(
      ds.getRepository(Evidence).create({
        agencyId: fresh.id,
        periodId: period.id,
        kind: 'operating_documentation',
        title: 'Manual SPL',
        documentDate: '2031-03-01',
        indicators: [18],
        allUnits: true,
        status: 'accepted',
      }),
    );
    const levels = () =>
      http(t.app).get(`/api/v1/agencies/${fresh.id}/periods/2031/levels`).set('Authorization', a).expect(200);
    const before = (await levels()).body.supported.indicators['18'].level as number;
    await http(t.app)
      .post(`/api/v1/agencies/${fresh.id}/applications`)
      .set('Authorization', a)
      .send({ unitId: unit.id, name: 'SIMPUS', exchange: 'spl' })
      .expect(201);
    const after = (await levels()).body.supported.indicators['18'].level as number;
    expect(after).toBeGreaterThan(before);
  });

  it('lets admins manage periods and everyone signed in read them', async () => {
    const a = await auth(admin);
    const created = await http(t.app)
      .post('/api/v1/periods')
      .set('Authorization', a)
      .send({ year: 2033, asOf: '2033-10-31', edition: 'C', coverageTarget: 0.8 })
      .expect(201);
    expect(created.body).toMatchObject({ year: 2033, edition: 'C', coverageTarget: '0.800' });
    await http(t.app)
      .post('/api/v1/periods')
      .set('Authorization', await auth(coordinator))
      .send({ year: 2034, asOf: '2034-10-31' })
      .expect(403);
    const bad = await http(t.app)
      .post('/api/v1/periods')
      .set('Authorization', a)
      .send({ year: 2035, asOf: '2035-10-31', coverageTarget: 0 })
      .expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/coverageTarget/);
    await http(t.app)
      .patch('/api/v1/periods/2033')
      .set('Authorization', a)
      .send({ version: 1, coverageTarget: 1 })
      .expect(200);
    await http(t.app)
      .patch('/api/v1/periods/2033')
      .set('Authorization', a)
      .send({ version: 1, coverageTarget: 0.5 })
      .expect(409);
    const read = await http(t.app)
      .get('/api/v1/periods/2033')
      .set('Authorization', await auth(coordinator))
      .expect(200);
    expect(read.body).toMatchObject({ coverageTarget: '1.000', version: 2 });
  });

  it('creates through the page form with a 303 and re-renders the form with the message on bad input', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    const ok = await http(t.app)
      .post(`/agencies/${agency.id}/units`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, code: 'PAGE1', name: 'Lewat halaman', kind: 'badan', inScope: 'true' })
      .expect(303);
    expect(ok.headers.location).toMatch(new RegExp(`^/agencies/${agency.id}/units/`));
    const bad = await http(t.app)
      .post(`/agencies/${agency.id}/units`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, code: 'PAGE2', name: 'Luar', inScope: 'false', outOfScopeReason: '' })
      .expect(400);
    expect(bad.text).toContain('outOfScopeReason: wajib diisi bila unit di luar cakupan.');
    expect(bad.text).toContain('value="PAGE2"');
    const list = await http(t.app)
      .get(`/agencies/${agency.id}/units?q=PAGE`)
      .set('Cookie', cookie)
      .expect(200);
    expect(list.text).toContain('Lewat halaman');
  });
});
