import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import { ndjson, publisherApiList } from '../../src/hub/hub-fixtures.testing';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

describe('hub attribution rules', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let units: Unit[];
  let coordinator: User;
  let auth: string;
  const ruleIds: Record<string, string> = {};
  const api = (path: string) => `/api/v1/agencies/${agency.id}/hub${path}`;

  const push = (name: string, content: string) =>
    http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', auth)
      .attach('file', Buffer.from(content), name)
      .expect(201);
  const addRule = async (unit: Unit, matchType: string, matchValue: string) => {
    const res = await http(t.app)
      .post(api('/rules'))
      .set('Authorization', auth)
      .send({ unitId: unit.id, matchType, matchValue })
      .expect(201);
    return res.body.id as string;
  };
  const unitOf = async (table: 'hub_api' | 'hub_application', key: string) => {
    const column = table === 'hub_api' ? 'api_key' : 'app_key';
    const rows = await ds.query(
      `SELECT u.code, r.match_type FROM ${table} h LEFT JOIN unit u ON u.id = h.unit_id
         LEFT JOIN hub_mapping_rule r ON r.id = h.unit_rule_id
        WHERE h.agency_id = $1 AND (h.${column} = $2 OR h.source_id = $2)`,
      [agency.id, key],
    );
    return rows[0] ? `${rows[0].code ?? '-'}:${rows[0].match_type ?? '-'}` : undefined;
  };
  const removeRule = (id: string) =>
    http(t.app)
      .delete(api(`/rules/${id}`))
      .set('Authorization', auth)
      .expect(204);

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'attr', domain: 'nusa.go.id' });
    units = [];
    for (let i = 1; i <= 7; i++) units.push(await makeUnit(ds, agency, { code: `U${i}` }));
    coordinator = await makeUser(ds, 'coordinator', agency);
    auth = `Bearer ${await issueToken(ds, coordinator, 'access')}`;
    ruleIds.apiId = await addRule(units[0], 'api_id', 'API-P');
    ruleIds.property = await addRule(units[1], 'additional_property', 'unit_kerja=u2');
    ruleIds.owner = await addRule(units[2], 'business_owner', 'Owner Three');
    ruleIds.tag = await addRule(units[3], 'tag', 'TAG4');
    ruleIds.provider = await addRule(units[4], 'provider', 'prov5@nusa.go.id');
    ruleIds.context = await addRule(units[5], 'context_prefix', '/ctx6');
    await push(
      'apis.json',
      publisherApiList([
        {
          id: 'api-p',
          name: 'Everything',
          props: { unit_kerja: 'U2' },
          businessOwner: 'owner three',
          tags: ['tag4'],
          provider: 'prov5',
          context: '/t/nusa.go.id/ctx6/v1',
        },
        { id: 'api-q', name: 'Nested', context: '/t/nusa.go.id/layanan/kesehatan/v1' },
        { id: 'api-r', name: 'Lookalike', context: '/layanankesehatan' },
        { id: 'api-s', name: 'Orphan', context: '/nobody' },
      ]),
    );
  });
  afterAll(() => t.close());

  it('applies an explicit api_id rule before every other kind', async () => {
    expect(await unitOf('hub_api', 'api-p')).toBe('U1:api_id');
  });

  it('applies additional_property (key=value, any case) before business_owner', async () => {
    await removeRule(ruleIds.apiId);
    expect(await unitOf('hub_api', 'api-p')).toBe('U2:additional_property');
  });

  it('applies business_owner before tag', async () => {
    await removeRule(ruleIds.property);
    expect(await unitOf('hub_api', 'api-p')).toBe('U3:business_owner');
  });

  it('applies tag before provider', async () => {
    await removeRule(ruleIds.owner);
    expect(await unitOf('hub_api', 'api-p')).toBe('U4:tag');
  });

  it('applies provider (with the @tenant stripped) before context_prefix', async () => {
    await removeRule(ruleIds.tag);
    expect(await unitOf('hub_api', 'api-p')).toBe('U5:provider');
  });

  it('applies context_prefix last, on the context without /t/<tenant>', async () => {
    await removeRule(ruleIds.provider);
    expect(await unitOf('hub_api', 'api-p')).toBe('U6:context_prefix');
  });

  it('prefers the longest context prefix and matches whole path segments only', async () => {
    await addRule(units[1], 'context_prefix', '/layanan');
    await addRule(units[2], 'context_prefix', '/layanan/kesehatan/');
    expect(await unitOf('hub_api', 'api-q')).toBe('U3:context_prefix');
    expect(await unitOf('hub_api', 'api-r')).toBe('-:-');
  });

  it('attributes applications by app_owner, then by provider rules on the owner', async () => {
    await push(
      'events.ndjson',
      ndjson([
        {
          apiId: 'api-p',
          at: '2026-05-01T00:00:00Z',
          app: { id: 'app-1', name: 'Perizinan', owner: 'dpm@nusa.go.id' },
        },
      ]),
    );
    const providerRule = await addRule(units[5], 'provider', 'dpm');
    expect(await unitOf('hub_application', 'app-1')).toBe('U6:provider');
    await addRule(units[6], 'app_owner', 'DPM@nusa.go.id');
    expect(await unitOf('hub_application', 'app-1')).toBe('U7:app_owner');
    await removeRule(providerRule);
  });

  it('refuses a second rule with the same type and value in another case (409)', async () => {
    await http(t.app)
      .post(api('/rules'))
      .set('Authorization', auth)
      .send({ unitId: units[0].id, matchType: 'context_prefix', matchValue: '/CTX6' })
      .expect(409);
  });

  it('lists unmapped APIs and assigns one to a unit with an api_id rule', async () => {
    const unmapped = await http(t.app).get(api('/unmapped')).set('Authorization', auth).expect(200);
    const orphan = unmapped.body.find((u: { name: string }) => u.name === 'Orphan');
    expect(orphan).toMatchObject({ kind: 'api', name: 'Orphan' });
    await http(t.app)
      .post(api('/assignments'))
      .set('Authorization', auth)
      .send({ kind: 'api', id: orphan.id, unitId: units[6].id })
      .expect(201);
    expect(await unitOf('hub_api', 'api-s')).toBe('U7:api_id');
    const after = await http(t.app).get(api('/unmapped')).set('Authorization', auth).expect(200);
    expect(after.body.map((u: { name: string }) => u.name)).not.toContain('Orphan');
  });

  it('manages rules and assignments on the rules page with the CSRF token', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie, csrf } = browserSession(t.config.sessionSecret, session);
    const page = await http(t.app).get(`/agencies/${agency.id}/hub/rules`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('data-unmapped');
    expect(page.text).toContain('Lookalike');
    const lookalike = (await ds.query("SELECT id FROM hub_api WHERE source_id = 'api-r'"))[0].id;
    await http(t.app)
      .post(`/agencies/${agency.id}/hub/assignments`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, kind: 'api', id: lookalike, unitId: units[0].id })
      .expect(303);
    expect(await unitOf('hub_api', 'api-r')).toBe('U1:api_id');
    await http(t.app)
      .post(`/agencies/${agency.id}/hub/rules`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, unitId: units[0].id, matchType: 'nonsense', matchValue: 'x' })
      .expect(400);
    const rule = (
      await ds.query(
        "SELECT id FROM hub_mapping_rule WHERE match_value = (SELECT api_key FROM hub_api WHERE source_id = 'api-r')",
      )
    )[0].id;
    await http(t.app)
      .post(`/agencies/${agency.id}/hub/rules/${rule}/delete`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(await unitOf('hub_api', 'api-r')).toBe('-:-');
  });
});
