import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makeEvidence, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

describe('linking evidence from the pages', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let period: Period;
  let coordinator: User;
  let session: { cookie: string; csrf: string };
  let policyId: string;

  const page = (path: string) =>
    http(t.app).get(path).set('Cookie', session.cookie).set('Accept', 'text/html');
  const form = (path: string, fields: Record<string, string | string[]>) =>
    http(t.app)
      .post(path)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: session.csrf, ...fields });
  const api = async (path: string) =>
    (
      await http(t.app)
        .get(`/api/v1/agencies/${agency.id}${path}`)
        .set('Authorization', `Bearer ${await issueToken(ds, coordinator)}`)
        .expect(200)
    ).body;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026 });
    agency = await makeAgency(ds, { name: 'Kota Tautan' });
    await makeUnit(ds, agency);
    coordinator = await makeUser(ds, 'coordinator', agency);
    session = browserSession(t.config.sessionSecret, await issueToken(ds, coordinator, 'session'));
    const created = await form(`/agencies/${agency.id}/policies`, {
      title: 'Peraturan Bupati tentang SPL',
      number: '12/2026',
      date: '2026-01-15',
      status: 'enacted',
    }).expect(303);
    policyId = /policies\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1];
  });
  afterAll(() => t.close());

  it('links evidence to a policy on the policy page, and unlinks it', async () => {
    const evaluation = await makeEvidence(ds, agency, period, {
      title: 'Laporan evaluasi kebijakan',
      kind: 'policy_enacted',
      indicators: [7],
      status: 'draft',
    });
    const policy = await page(`/agencies/${agency.id}/policies/${policyId}`).expect(200);
    expect(policy.text).toContain('Bukti dukung kebijakan ini');
    expect(policy.text).toContain(`name="evidenceIds" value="${evaluation.id}"`);
    const version = /name="version" value="(\d+)"/.exec(policy.text)![1];

    const saved = await form(`/agencies/${agency.id}/policies/${policyId}/evidence`, {
      version,
      evidenceIds: [evaluation.id],
    }).expect(303);
    const after = await page(saved.headers.location as string).expect(200);
    expect(after.text).toContain('Perubahan tersimpan.');
    expect(after.text).toMatch(new RegExp(`value="${evaluation.id}" checked`));
    expect((await api(`/policies/${policyId}`)).evidenceIds).toEqual([evaluation.id]);

    const next = /name="version" value="(\d+)"/.exec(after.text)![1];
    await form(`/agencies/${agency.id}/policies/${policyId}/evidence`, { version: next }).expect(303);
    expect((await api(`/policies/${policyId}`)).evidenceIds).toEqual([]);
  });

  it('offers policies, reviews, follow-ups and integrations on the upload form and the item page', async () => {
    const library = await page(`/agencies/${agency.id}/evidence`).expect(200);
    expect(library.text).toContain('id="policyIds"');
    expect(library.text).toContain('id="reviewIds"');
    expect(library.text).toContain('id="followUpIds"');
    expect(library.text).toContain('id="integrationIds"');
    expect(library.text).toMatch(
      /<option value="[0-9a-f-]{36}" >Peraturan Bupati tentang SPL – 12\/2026 \(2026-01-15\)/,
    );

    const item = await makeEvidence(ds, agency, period, { title: 'Notula reviu', status: 'draft' });
    const detail = await page(`/agencies/${agency.id}/evidence/${item.id}`).expect(200);
    expect(detail.text).toContain(`action="/agencies/${agency.id}/evidence/${item.id}/links"`);
    const version = /name="version" value="(\d+)"/.exec(detail.text)![1];
    const saved = await form(`/agencies/${agency.id}/evidence/${item.id}/links`, {
      version,
      policyIds: [policyId],
    }).expect(303);
    expect(saved.headers.location).toBe(`/agencies/${agency.id}/evidence/${item.id}?saved=1`);
    expect((await api(`/evidence/${item.id}`)).links.policyIds).toEqual([policyId]);
    expect((await api(`/evidence/${item.id}`)).title).toBe('Notula reviu');
  });
});
