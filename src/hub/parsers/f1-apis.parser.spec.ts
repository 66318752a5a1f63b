import { HUB, parseFixture, valuesOf, inLang } from './fixtures.testing';
import { HubFileError } from './hub-file.error';

describe('F1 API lists', () => {
  it('maps a Publisher v4 APIList page, reading epoch-millisecond text times', async () => {
    const result = await parseFixture('f1-publisher-v4-list.json');
    expect(result).toMatchObject({ ok: true, counts: { rowsRead: 3, accepted: 3, rejected: 0, records: 3 } });
    const [first, created, deprecated] = valuesOf(result, 'api');
    expect(first).toEqual({
      hubId: HUB,
      sourceId: '43d030dc-427f-4678-98e3-87b7d9882b5f',
      name: 'LayananKependudukan',
      version: '1.0.0',
      context: '/t/bandung.go.id/kependudukan/1.0.0',
      provider: 'disdukcapil@bandung.go.id',
      tenantDomain: 'bandung.go.id',
      lifecycleStatus: 'PUBLISHED',
      publishedOnBus: true,
      type: 'HTTP',
      tags: [],
      businessOwner: undefined,
      technicalOwner: undefined,
      props: { unit_kerja: 'DISDUKCAPIL' },
      productionUrl: undefined,
      sandboxUrl: undefined,
      operationCount: undefined,
      createdAt: new Date('2021-02-22T19:02:39.444Z'),
      createdAtText: '1614020559444',
      updatedAt: new Date('2023-01-01T00:00:00.000Z'),
      updatedAtText: '1672531200000',
      source: 'F1-list',
    });
    expect(created).toMatchObject({ lifecycleStatus: 'CREATED', publishedOnBus: false });
    expect(deprecated).toMatchObject({
      lifecycleStatus: 'DEPRECATED',
      publishedOnBus: true,
      props: { opd: 'BKPSDM' },
    });
    expect(deprecated.updatedAt).toBeUndefined();
  });

  it('counts PROTOTYPED as published only when the import asks for it (3.2 list)', async () => {
    const strict = valuesOf(await parseFixture('f1-publisher-32-list.json'), 'api');
    const lenient = valuesOf(
      await parseFixture('f1-publisher-32-list.json', { includePrototyped: true }),
      'api',
    );
    expect(strict.map((api) => [api.name, api.publishedOnBus])).toEqual([
      ['PizzaShackAPI', true],
      ['CuacaMock', false],
    ]);
    expect(lenient[1].publishedOnBus).toBe(true);
    expect(strict[0].tenantDomain).toBe('carbon.super');
  });

  it('uses the hub tenant for providers written without @tenant', async () => {
    const [api] = valuesOf(
      await parseFixture('f1-publisher-32-list.json', { tenantDomain: 'bandung.go.id' }),
      'api',
    );
    expect(api.tenantDomain).toBe('bandung.go.id');
  });

  it('reads endpoints, owners, tags, operations and local times of an API detail', async () => {
    const [api] = valuesOf(await parseFixture('f1-api-detail.json'), 'api');
    expect(api).toMatchObject({
      productionUrl: 'http://10.10.1.5:8080/penduduk',
      sandboxUrl: 'http://10.20.1.5:8080/penduduk',
      businessOwner: 'Kepala Disdukcapil',
      technicalOwner: 'Tim TI Disdukcapil',
      tags: ['kependudukan', 'DISDUKCAPIL'],
      operationCount: 3,
      createdAt: new Date('2021-04-05T17:51:59.909Z'),
      createdAtText: '2021-04-05 17:51:59.909',
      updatedAt: new Date('2021-04-05T17:52:00.313Z'),
      source: 'F1-detail',
    });
  });

  it.each(['f1-apictl-apis.json', 'f1-apictl-apis.ndjson', 'f1-apictl-apis-pretty.txt'])(
    'maps apictl capitalised keys from %s',
    async (name) => {
      const apis = valuesOf(await parseFixture(name), 'api');
      expect(apis[0]).toMatchObject({
        sourceId: '43d030dc-427f-4678-98e3-87b7d9882b5f',
        name: 'LayananKependudukan',
        version: '1.0.0',
        context: '/t/bandung.go.id/kependudukan/1.0.0',
        provider: 'disdukcapil@bandung.go.id',
        tenantDomain: 'bandung.go.id',
        lifecycleStatus: 'PUBLISHED',
        publishedOnBus: true,
      });
      expect(apis[1]).toMatchObject({ name: 'PerizinanUsaha', publishedOnBus: false });
    },
  );

  it('reports every wrong value with its JSON path and imports nothing', async () => {
    const result = await parseFixture('broken/f1-wrong-types.json');
    expect(result).toMatchObject({
      ok: false,
      records: [],
      counts: { rowsRead: 5, accepted: 1, rejected: 4 },
    });
    expect(inLang(result.problems)).toEqual([
      { path: '$.list[1].name', reason: 'must be text, got an object' },
      { path: '$.list[2].version', reason: 'is required' },
      { path: '$.list[3]', reason: 'expected an API object' },
      { path: '$.list[4].createdTime', reason: 'is not a date/time: "kemarin"' },
    ]);
  });

  it('imports the good API and reports the others when bad rows are skipped', async () => {
    const result = await parseFixture('broken/f1-wrong-types.json', { skipBad: true });
    expect(result.ok).toBe(true);
    expect(valuesOf(result, 'api').map((api) => api.name)).toEqual(['Baik']);
    expect(result.problems).toHaveLength(4);
  });

  it('refuses invalid JSON with the line of the error', async () => {
    const attempt = parseFixture('broken/f1-bad-json.txt', { format: 'F1' });
    await expect(attempt).rejects.toThrow(HubFileError);
    await expect(parseFixture('broken/f1-bad-json.txt', { format: 'F1' })).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT',
      location: { line: 4 },
    });
  });

  it('asks for the hub when none was chosen', async () => {
    await expect(parseFixture('f1-publisher-v4-list.json', { hubId: undefined })).rejects.toMatchObject({
      code: 'MISSING_CONTEXT',
    });
  });
});
