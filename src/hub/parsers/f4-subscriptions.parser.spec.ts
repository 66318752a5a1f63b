import { HUB, parseFixture, valuesOf } from './fixtures.testing';

// Without the context, WSO2's id is the key; the writer maps it to the API's context key.
const KEPENDUDUKAN = '43d030dc-427f-4678-98e3-87b7d9882b5f';
const PERIZINAN_APP = '2d6c54b0-7c7d-4b50-83dc-e6ae6f88962e';
const WARGA_APP = '0b5ccc91-30e2-4ee5-9355-d1698075c028';

describe('F4 subscriptions and applications', () => {
  it('maps Devportal subscriptions with both sides named, each application once', async () => {
    const result = await parseFixture('f4-devportal-subscriptions.json');
    expect(valuesOf(result, 'application')).toEqual([
      {
        hubId: HUB,
        key: PERIZINAN_APP,
        sourceId: PERIZINAN_APP,
        name: 'AplikasiPerizinan',
        owner: 'dpmptsp@bandung.go.id',
        status: 'APPROVED',
      },
      {
        hubId: HUB,
        key: WARGA_APP,
        sourceId: WARGA_APP,
        name: 'PortalWarga',
        owner: 'diskominfo@bandung.go.id',
        status: 'APPROVED',
      },
    ]);
    expect(valuesOf(result, 'subscription')).toEqual([
      {
        hubId: HUB,
        apiKey: 'bandung.go.id|/kependudukan|1.0.0',
        appKey: PERIZINAN_APP,
        status: 'UNBLOCKED',
        tier: 'Gold',
        active: true,
      },
      // apiInfo names the context: the key is tenant|context|version, whatever the WSO2 id.
      {
        hubId: HUB,
        apiKey: 'bandung.go.id|/pegawai|1.0.0',
        appKey: PERIZINAN_APP,
        status: 'BLOCKED',
        tier: 'Unlimited',
        active: false,
      },
      {
        hubId: HUB,
        apiKey: KEPENDUDUKAN,
        appKey: WARGA_APP,
        status: 'PROD_ONLY_BLOCKED',
        tier: 'Bronze',
        active: false,
      },
    ]);
  });

  it('takes the API of Publisher subscriptions from the {apiId, list} wrapper', async () => {
    const result = await parseFixture('f4-publisher-subscriptions-wrapped.json');
    expect(valuesOf(result, 'subscription').map((s) => [s.apiKey, s.appKey, s.status, s.active])).toEqual([
      [KEPENDUDUKAN, PERIZINAN_APP, 'UNBLOCKED', true],
      [KEPENDUDUKAN, WARGA_APP, 'ON_HOLD', false],
    ]);
    expect(valuesOf(result, 'application')[0].owner).toBe('dpmptsp@bandung.go.id');
  });

  it('takes the API of Publisher subscriptions from a subscriptions_<apiId>.json file name', async () => {
    const result = await parseFixture('subscriptions_9e1f4d22-7a3b-4c8e-b5d6-1f2a3b4c5d6e.json');
    expect(valuesOf(result, 'subscription')[0].apiKey).toBe('9e1f4d22-7a3b-4c8e-b5d6-1f2a3b4c5d6e');
  });

  it('refuses Publisher subscriptions that say nothing about their API', async () => {
    await expect(parseFixture('broken/f4-publisher-unwrapped.json')).rejects.toMatchObject({
      code: 'MISSING_CONTEXT',
      message: expect.stringContaining('subscriptions_<API id>.json') as unknown,
    });
  });

  it('maps application.yaml subscribed APIs by uuid or by tenant|name|version', async () => {
    const result = await parseFixture('f4-application.yaml');
    expect(valuesOf(result, 'application')).toHaveLength(1);
    expect(valuesOf(result, 'subscription').map((s) => [s.apiKey, s.tier, s.active])).toEqual([
      ['bandung.go.id|LayananKependudukan|1.0.0', 'Gold', true],
      ['9e1f4d22-7a3b-4c8e-b5d6-1f2a3b4c5d6e', 'Unlimited', true],
    ]);
  });

  it('maps Admin application lists and apictl get apps output to applications', async () => {
    const admin = valuesOf(await parseFixture('f4-admin-applications.json'), 'application');
    const apictl = valuesOf(await parseFixture('f4-apictl-apps.ndjson'), 'application');
    expect(admin.map((app) => [app.name, app.owner, app.status])).toEqual([
      ['AplikasiPerizinan', 'dpmptsp@bandung.go.id', 'APPROVED'],
      ['PortalWarga', 'diskominfo@bandung.go.id', 'APPROVED'],
      ['DefaultApplication', 'admin', 'CREATED'],
    ]);
    expect(apictl.map((app) => app.key)).toEqual([PERIZINAN_APP, WARGA_APP]);
  });
});
