import { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Agency } from '../../src/agencies/agency.entity';
import { User } from '../../src/users/user.entity';
import { TEST_PASSWORD, issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { collect, spawnEntry } from '../support/process';
import { TestApp, createTestApp } from '../support/test-app';

describe('managing users', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let admin: User;
  let coordinator: User;
  const as = async (user: User) => `Bearer ${await issueToken(ds, user, 'access')}`;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    agency = await makeAgency(ds);
    admin = await makeUser(ds, 'admin', null);
    coordinator = await makeUser(ds, 'coordinator', agency);
  });
  afterAll(() => t.close());

  it('lets a coordinator add an operator limited to units of the own agency', async () => {
    const unit = await makeUnit(ds, agency);
    const res = await http(t.app)
      .post('/api/v1/users')
      .set('Authorization', await as(coordinator))
      .send({
        username: 'Op.Dinkes',
        displayName: 'Operator Dinkes',
        role: 'operator',
        password: 'operator-pass-1',
        unitIds: [unit.id],
      })
      .expect(201);
    expect(res.body).toMatchObject({
      username: 'op.dinkes',
      role: 'operator',
      agencyId: agency.id,
      unitIds: [unit.id],
    });
    await http(t.app)
      .post('/api/v1/auth/login')
      .send({ username: 'OP.DINKES', password: 'operator-pass-1' })
      .expect(200);
  });

  it('refuses a coordinator who hands out admin or evaluator roles, or units of another agency', async () => {
    const auth = await as(coordinator);
    const admin = await http(t.app)
      .post('/api/v1/users')
      .set('Authorization', auth)
      .send({ username: 'sneaky', displayName: 'x', role: 'admin', password: 'long-enough-pw' })
      .expect(400);
    expect(admin.body.message).toMatch(/^role:/);
    const foreignUnit = await makeUnit(ds, await makeAgency(ds));
    const units = await http(t.app)
      .post('/api/v1/users')
      .set('Authorization', auth)
      .send({
        username: 'op2',
        displayName: 'x',
        role: 'operator',
        password: 'long-enough-pw',
        unitIds: [foreignUnit.id],
      })
      .expect(400);
    expect(units.body.message).toMatch(/^unitIds:/);
    expect(await ds.getRepository(User).count({ where: { username: 'sneaky' } })).toBe(0);
  });

  it('names the field of bad input and writes nothing', async () => {
    const auth = await as(admin);
    const weak = await http(t.app)
      .post('/api/v1/users')
      .set('Authorization', auth)
      .send({
        username: 'weakling',
        displayName: 'x',
        role: 'leader',
        agencyId: agency.id,
        password: 'short',
      })
      .expect(400);
    expect(weak.body.message).toMatch(/^password: minimal 10 karakter/);
    expect(weak.body.code).toBe('msg.password.problem');
    const unknown = await http(t.app)
      .post('/api/v1/users')
      .set('Authorization', auth)
      .send({ username: 'x1x', displayName: 'x', role: 'leader', password: 'long-enough-pw', isAdmin: true })
      .expect(400);
    expect(JSON.stringify(unknown.body.message)).toContain('isAdmin: kolom ini tidak dikenal');
    const missingAgency = await http(t.app)
      .post('/api/v1/users')
      .set('Authorization', auth)
      .send({ username: 'noagency', displayName: 'x', role: 'operator', password: 'long-enough-pw' })
      .expect(400);
    expect(missingAgency.body.message).toBe('agencyId: wajib diisi untuk peran Operator (entri data).');
    expect(await ds.getRepository(User).count({ where: { username: 'weakling' } })).toBe(0);
  });

  it('answers 409 for a taken username', async () => {
    const res = await http(t.app)
      .post('/api/v1/users')
      .set('Authorization', await as(admin))
      .send({ username: coordinator.username, displayName: 'x', role: 'admin', password: 'long-enough-pw' })
      .expect(409);
    expect(res.body.message).toMatch(/sudah dipakai/);
  });

  it('answers 409 to the later of two edits made from the same version, keeping the first', async () => {
    const user = await makeUser(ds, 'operator', agency);
    const auth = await as(coordinator);
    await http(t.app)
      .patch(`/api/v1/users/${user.id}`)
      .set('Authorization', auth)
      .send({ version: user.version, displayName: 'First' })
      .expect(200);
    const late = await http(t.app)
      .patch(`/api/v1/users/${user.id}`)
      .set('Authorization', auth)
      .send({ version: user.version, displayName: 'Second' })
      .expect(409);
    expect(late.body.message).toMatch(/diubah orang lain/);
    expect((await ds.getRepository(User).findOneByOrFail({ id: user.id })).displayName).toBe('First');
  });

  it('audits role changes and ends the sessions of a deactivated user', async () => {
    const user = await makeUser(ds, 'operator', agency);
    const token = await issueToken(ds, user, 'access');
    const auth = await as(coordinator);
    const changed = await http(t.app)
      .patch(`/api/v1/users/${user.id}`)
      .set('Authorization', auth)
      .send({ version: user.version, role: 'leader' })
      .expect(200);
    await http(t.app)
      .patch(`/api/v1/users/${user.id}`)
      .set('Authorization', auth)
      .send({ version: changed.body.version, active: false })
      .expect(200);
    await http(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    const audit = await ds
      .getRepository(AuditEntry)
      .find({ where: { subjectId: user.id }, order: { seq: 'ASC' } });
    expect(audit.map((a) => [a.action, a.detail.from, a.detail.to])).toEqual([
      ['user.role_changed', 'operator', 'leader'],
      ['user.deactivated', undefined, undefined],
    ]);
  });

  it('lets an admin reset a password: the user must change it before doing anything else', async () => {
    const user = await makeUser(ds, 'coordinator', agency);
    await http(t.app)
      .post(`/api/v1/users/${user.id}/password-reset`)
      .set('Authorization', await as(admin))
      .send({ password: 'temporary-pass-9' })
      .expect(204);
    const login = await http(t.app)
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'temporary-pass-9' })
      .expect(200);
    const auth = `Bearer ${login.body.accessToken}`;
    const blocked = await http(t.app).get('/api/v1/users').set('Authorization', auth).expect(403);
    expect(blocked.body.message).toMatch(/Ganti kata sandi Anda sebelum melanjutkan/);
    await http(t.app)
      .put('/api/v1/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: 'temporary-pass-9', newPassword: 'my-own-pass-2026' })
      .expect(204);
    const again = await http(t.app)
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'my-own-pass-2026' })
      .expect(200);
    await http(t.app)
      .get('/api/v1/users')
      .set('Authorization', `Bearer ${again.body.accessToken}`)
      .expect(200);
  });

  it('lists only the own agency’s users to a coordinator, with paging', async () => {
    await makeUser(ds, 'operator', await makeAgency(ds));
    const res = await http(t.app)
      .get('/api/v1/users?pageSize=2&page=1')
      .set('Authorization', await as(coordinator))
      .expect(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.total).toBeGreaterThan(2);
    const all = await http(t.app)
      .get('/api/v1/users?pageSize=200')
      .set('Authorization', await as(coordinator))
      .expect(200);
    expect(all.body.items.every((u: { agencyId: string }) => u.agencyId === agency.id)).toBe(true);
  });

  it('creates the first admin from the command line, reading the password from stdin', async () => {
    // The assertions read the English words (SPBE_LANG=en); Indonesian is the default.
    const env = { DATABASE_URL: t.db.url, LOG_LEVEL: 'warn', SPBE_LANG: 'en' };
    const child = spawnEntry(
      'src/cli.ts',
      ['users', 'create', '--username', 'root-admin', '--role', 'admin'],
      env,
    );
    const done = await collect(child, 'a-very-secret-pw\n');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Created admin "root-admin"/);
    await http(t.app)
      .post('/api/v1/auth/login')
      .send({ username: 'root-admin', password: 'a-very-secret-pw' })
      .expect(200);
    const weak = await collect(
      spawnEntry('src/cli.ts', ['users', 'create', '--username', 'root2', '--role', 'admin'], env),
      'short\n',
    );
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toMatch(/at least 10 characters/);
  });

  it('lets an admin assign an evaluator to agencies on the user page, which opens those agencies to them', async () => {
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const evaluator = await makeUser(ds, 'evaluator', null);
    const evalAuth = `Bearer ${await issueToken(ds, evaluator)}`;
    const levels = `/api/v1/agencies/${agency.id}/periods/2026/levels`;
    await http(t.app).get(levels).set('Authorization', evalAuth).expect(404);
    const { cookie, csrf } = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session'));
    await http(t.app)
      .post(`/users/${evaluator.id}/assignments`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, agencyIds: agency.id })
      .expect(303);
    await http(t.app)
      .get(levels)
      .set('Authorization', `Bearer ${await issueToken(ds, evaluator)}`)
      .expect(200);
    const page = await http(t.app).get(`/users/${evaluator.id}`).set('Cookie', cookie).expect(200);
    expect(page.text).toMatch(new RegExp(`<option value="${agency.id}" selected>`));
  });

  it('keeps the test password out of every response', async () => {
    const res = await http(t.app)
      .get(`/api/v1/users/${coordinator.id}`)
      .set('Authorization', await as(admin))
      .expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    expect(TEST_PASSWORD).toBeTruthy();
  });
});
