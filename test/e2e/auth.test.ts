import { DataSource } from 'typeorm';
import { SESSION_COOKIE } from '../../src/access/access.guard';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { AuthToken } from '../../src/auth/auth-token.entity';
import { CSRF_COOKIE } from '../../src/web/csrf';
import { DemoSeeder } from '../../src/demo/demo.seed';
import { EvidenceRepository } from '../../src/evidence/evidence.repository';
import { NationalRecompute } from '../../src/levels/national-recompute';
import { STORAGE_DRIVER } from '../../src/storage/storage.driver';
import { User } from '../../src/users/user.entity';
import { TEST_PASSWORD, issueToken, makeAgency, makeUser } from '../factories';
import { browserSession, cookieValue, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

function loginPage(t: TestApp, username: string, password: string) {
  const { cookie, csrf } = browserSession(t.config.sessionSecret);
  return http(t.app)
    .post('/login')
    .set('Cookie', cookie)
    .set('Accept', 'text/html')
    .type('form')
    .send({ _csrf: csrf, username, password, next: '/users' });
}

function apiLogin(t: TestApp, username: string, password: string) {
  return http(t.app).post('/api/v1/auth/login').send({ username, password });
}

describe('signing in and out', () => {
  let t: TestApp;
  let ds: DataSource;
  let coordinator: User;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3', SESSION_IDLE_MINUTES: '30' });
    ds = t.app.get(DataSource);
    coordinator = await makeUser(ds, 'coordinator', await makeAgency(ds));
  });
  afterAll(() => t.close());

  it('starts an HttpOnly, SameSite=Lax session from the login form and redirects to the page asked for', async () => {
    const res = await loginPage(t, coordinator.username, TEST_PASSWORD).expect(303);
    expect(res.headers.location).toBe('/users');
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) as string;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i); // development: plain http on localhost
    const page = await http(t.app)
      .get('/users')
      .set('Cookie', `${SESSION_COOKIE}=${cookieValue(setCookie, SESSION_COOKIE)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(coordinator.displayName);
  });

  it('shows the form again with a message when the password is wrong', async () => {
    const res = await loginPage(t, coordinator.username, 'wrong-password-1').expect(401);
    expect(res.text).toContain('Nama pengguna atau kata sandi salah.');
    expect(cookieValue(res.headers['set-cookie'] as unknown as string[], SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a login form posted without the CSRF token', async () => {
    await http(t.app)
      .post('/login')
      .set('Cookie', `${CSRF_COOKIE}=some-cookie-value-0123456789`)
      .type('form')
      .send({ username: coordinator.username, password: TEST_PASSWORD })
      .expect(403);
  });

  it('issues a bearer token from the API, answers /me with it, and revokes it at logout', async () => {
    const login = await apiLogin(t, coordinator.username, TEST_PASSWORD).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer' });
    expect(new Date(login.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const auth = `Bearer ${login.body.accessToken}`;
    const me = await http(t.app).get('/api/v1/auth/me').set('Authorization', auth).expect(200);
    expect(me.body).toMatchObject({
      username: coordinator.username,
      role: 'coordinator',
      agencyId: coordinator.agencyId,
    });
    expect(me.body.tokenId).toBeUndefined();
    await http(t.app).post('/api/v1/auth/logout').set('Authorization', auth).expect(204);
    await http(t.app).get('/api/v1/auth/me').set('Authorization', auth).expect(401);
  });

  it('stores only a hash of each token', async () => {
    const login = await apiLogin(t, coordinator.username, TEST_PASSWORD).expect(200);
    const stored = await ds.getRepository(AuthToken).find({ where: { userId: coordinator.id } });
    expect(stored.length).toBeGreaterThan(0);
    expect(
      stored.every((s) => s.tokenHash !== login.body.accessToken && /^[0-9a-f]{64}$/.test(s.tokenHash)),
    ).toBe(true);
  });

  it('locks the account after repeated failures, even for the right password, and audits it', async () => {
    const victim = await makeUser(ds, 'operator', await makeAgency(ds));
    for (let i = 0; i < 3; i++) await apiLogin(t, victim.username, 'not-the-password').expect(401);
    const locked = await apiLogin(t, victim.username, TEST_PASSWORD).expect(401);
    expect(locked.body.code).toBe('login.locked');
    expect(locked.body.message).toMatch(/dikunci sementara/);
    const audit = await ds
      .getRepository(AuditEntry)
      .find({ where: { actorId: victim.id }, order: { seq: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual([
      'login.failure',
      'login.failure',
      'login.failure',
      'login.lockout',
      'login.failure',
    ]);
  });

  it('unlocks once the lock has passed', async () => {
    const user = await makeUser(ds, 'operator', await makeAgency(ds), {
      failedLogins: 3,
      lockedUntil: new Date(Date.now() - 1000),
    });
    await apiLogin(t, user.username, TEST_PASSWORD).expect(200);
    expect((await ds.getRepository(User).findOneByOrFail({ id: user.id })).failedLogins).toBe(0);
  });

  it('does not reveal whether an account exists', async () => {
    const unknown = await apiLogin(t, 'nobody-here', 'whatever-password').expect(401);
    const wrong = await apiLogin(t, coordinator.username, 'whatever-password').expect(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('ends a session after the idle time and after its absolute expiry', async () => {
    const idle = await issueToken(ds, coordinator, 'session', {
      lastUsedAt: new Date(Date.now() - 31 * 60_000),
    });
    const res = await http(t.app)
      .get('/account')
      .set('Cookie', `${SESSION_COOKIE}=${idle}`)
      .set('Accept', 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Faccount');
    const expired = await issueToken(ds, coordinator, 'session', { expiresAt: new Date(Date.now() - 1000) });
    await http(t.app).get('/api/v1/auth/me').set('Cookie', `${SESSION_COOKIE}=${expired}`).expect(401);
    const fresh = await issueToken(ds, coordinator, 'session');
    await http(t.app).get('/api/v1/auth/me').set('Cookie', `${SESSION_COOKIE}=${fresh}`).expect(200);
  });

  it('does not accept a session secret as a bearer token, nor a bearer token as a session', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    await http(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${session}`).expect(401);
    const access = await issueToken(ds, coordinator, 'access');
    await http(t.app).get('/api/v1/auth/me').set('Cookie', `${SESSION_COOKIE}=${access}`).expect(401);
  });

  it('requires the CSRF token for changes made with a session cookie', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    await http(t.app)
      .post('/account/tokens')
      .set('Cookie', cookie)
      .type('form')
      .send({ name: 'x' })
      .expect(403);
    await http(t.app)
      .post('/account/tokens')
      .set('Cookie', cookie)
      .type('form')
      .send({ name: 'x', _csrf: 'f'.repeat(64) })
      .expect(403);
    const ok = await http(t.app)
      .post('/account/tokens')
      .set('Cookie', cookie)
      .type('form')
      .send({ name: 'gateway', _csrf: csrf });
    expect(ok.status).toBe(201);
    expect(ok.text).toMatch(/spbe_pat_[A-Za-z0-9_-]{43}/);
  });

  it('creates, lists, uses and revokes personal tokens for machine clients', async () => {
    const auth = `Bearer ${await issueToken(ds, coordinator, 'access')}`;
    const created = await http(t.app)
      .post('/api/v1/auth/tokens')
      .set('Authorization', auth)
      .send({ name: 'WSO2 push', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const pat = created.body.token as string;
    expect(pat.startsWith('spbe_pat_')).toBe(true);
    const listed = await http(t.app).get('/api/v1/auth/tokens').set('Authorization', auth).expect(200);
    expect(listed.body.map((x: { name: string }) => x.name)).toContain('WSO2 push');
    expect(JSON.stringify(listed.body)).not.toContain(pat);
    await http(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${pat}`).expect(200);
    await http(t.app).delete(`/api/v1/auth/tokens/${created.body.id}`).set('Authorization', auth).expect(204);
    await http(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${pat}`).expect(401);
  });

  it('does not let one user revoke another user’s token', async () => {
    const other = await makeUser(ds, 'coordinator', await makeAgency(ds));
    const theirs = await http(t.app)
      .post('/api/v1/auth/tokens')
      .set('Authorization', `Bearer ${await issueToken(ds, other, 'access')}`)
      .send({ name: 'theirs' })
      .expect(201);
    const mine = `Bearer ${await issueToken(ds, coordinator, 'access')}`;
    await http(t.app).delete(`/api/v1/auth/tokens/${theirs.body.id}`).set('Authorization', mine).expect(404);
    await http(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${theirs.body.token}`).expect(200);
  });

  it('changes the password with the current one, and ends the other sessions', async () => {
    const user = await makeUser(ds, 'operator', await makeAgency(ds));
    const other = await issueToken(ds, user, 'access');
    const auth = `Bearer ${await issueToken(ds, user, 'access')}`;
    const weak = await http(t.app)
      .put('/api/v1/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/^newPassword: minimal 10 karakter/);
    const wrong = await http(t.app)
      .put('/api/v1/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: 'nope-nope-nope', newPassword: 'a-new-password-2026' });
    expect(wrong.body.message).toMatch(/^currentPassword/);
    await http(t.app)
      .put('/api/v1/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-2026' })
      .expect(204);
    await http(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${other}`).expect(401);
    await apiLogin(t, user.username, 'a-new-password-2026').expect(200);
  });
});

describe('login rate limit', () => {
  it('answers 429 when one client tries too many logins in a minute', async () => {
    const t = await createTestApp({ LOGIN_RATE_PER_MINUTE: '3' });
    try {
      for (let i = 0; i < 3; i++) await apiLogin(t, 'someone', 'some-password').expect(401);
      await apiLogin(t, 'someone', 'some-password').expect(429);
    } finally {
      await t.close();
    }
  });
});

describe('production settings', () => {
  it('marks the session cookie Secure', async () => {
    const t = await createTestApp({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    try {
      const user = await makeUser(t.app.get(DataSource), 'admin', null);
      const res = await loginPage(t, user.username, TEST_PASSWORD).expect(303);
      expect(
        ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith(SESSION_COOKIE)),
      ).toMatch(/Secure/);
    } finally {
      await t.close();
    }
  });

  it('refuses to start while demo accounts exist', async () => {
    const seeded = await createTestApp({ DEMO: 'true' });
    expect(
      await seeded.app
        .get(DataSource)
        .getRepository(User)
        .count({ where: { isDemo: true } }),
    ).toBe(7);
    const prod = { ...seeded.config, env: 'production' as const, demo: false };
    const seeder = new DemoSeeder(
      seeded.app.get(DataSource),
      prod,
      seeded.app.get(NationalRecompute),
      seeded.app.get(STORAGE_DRIVER),
      seeded.app.get(EvidenceRepository),
    );
    await expect(seeder.onApplicationBootstrap()).rejects.toThrow(
      /Production refuses to start: 7 demo account/,
    );
    await seeded.close();
  });
});
