import { readFileSync } from 'node:fs';
import { HUB, fixturePath, parseFixture, valuesOf, inLang } from './fixtures.testing';
import { parseHubFile } from './parse-hub-file';
import { buildZip } from './zip-writer.testing';

describe('F2 apictl export archives', () => {
  it('maps a 4.x archive: api.yaml data, deployment environments and operations', async () => {
    const result = await parseFixture('f2-apictl-4x.zip');
    expect(result).toMatchObject({ ok: true, archiveLayouts: ['4.x'], format: { variant: 'F2-zip' } });
    expect(valuesOf(result, 'api')).toEqual([
      expect.objectContaining({
        hubId: HUB,
        sourceId: '43d030dc-427f-4678-98e3-87b7d9882b5f',
        name: 'LayananKependudukan',
        context: '/kependudukan',
        tenantDomain: 'bandung.go.id',
        publishedOnBus: true,
        props: { unit_kerja: 'DISDUKCAPIL' },
        productionUrl: 'http://10.10.1.5:8080/penduduk',
        businessOwner: 'Kepala Disdukcapil',
        operationCount: 2,
        deployedEnvs: ['Default', 'Internal'],
        createdAtText: '2021-04-05 17:51:59.909',
        source: 'F2-4x-api',
      }),
    ]);
  });

  it('reads 3.x endpointConfig written as a JSON string and the old field names', async () => {
    const [api] = valuesOf(await parseFixture('f2-apictl-3x.zip'), 'api');
    expect(api).toMatchObject({
      sourceId: '0b9d3f0e-6c49-4d5a-8e44-7f5b7e2f9a10',
      name: 'PizzaShackAPI',
      version: '1.0.0',
      context: '/pizzashack',
      provider: 'admin',
      tenantDomain: 'carbon.super',
      lifecycleStatus: 'PUBLISHED',
      productionUrl: 'https://localhost:9443/am/sample/pizzashack/v1/api/',
      sandboxUrl: 'https://localhost:9443/am/sample/pizzashack/v1/api/',
      businessOwner: 'Jane Roe',
      props: { unit_kerja: 'DISKOMINFO' },
      operationCount: 5,
      deployedEnvs: ['Production and Sandbox'],
      updatedAt: new Date('2020-05-13T10:18:31.000Z'),
      source: 'F2-3x-api',
    });
  });

  it('reads the per-API zips inside a zipped `apictl export apis` folder', async () => {
    const result = await parseFixture('f2-apictl-migration.zip');
    expect(result.archiveLayouts).toEqual(['3.x', '4.x']);
    expect(valuesOf(result, 'api').map((api) => api.name)).toEqual(['LayananKependudukan', 'PizzaShackAPI']);
  });

  it('maps a single 4.x api.yaml and a single 3.x api.json uploaded on their own', async () => {
    const four = await parseFixture('f2-src/apictl-4x/LayananKependudukan-1.0.0/api.yaml');
    const three = await parseFixture('f2-src/apictl-3x/PizzaShackAPI-1.0.0/Meta-information/api.json');
    expect(valuesOf(four, 'api')[0]).toMatchObject({ name: 'LayananKependudukan', operationCount: 2 });
    expect(valuesOf(three, 'api')[0]).toMatchObject({ name: 'PizzaShackAPI', context: '/pizzashack' });
  });

  it('reads an application export archive as applications and subscriptions', async () => {
    const result = await parseFixture('f4-app-export.zip');
    expect(result.archiveLayouts).toEqual(['application']);
    expect(valuesOf(result, 'application').map((app) => app.name)).toEqual(['AplikasiPerizinan']);
    expect(valuesOf(result, 'subscription')).toHaveLength(2);
  });

  it('reports a broken api.yaml by entry and line, and still reads the other APIs with skipBad', async () => {
    const result = await parseFixture('broken/f2-bad-api-yaml.zip', { skipBad: true });
    expect(valuesOf(result, 'api').map((api) => api.name)).toEqual(['PizzaShackAPI']);
    expect(inLang(result.problems)).toEqual([
      {
        entry: 'Rusak-1.0.0/api.yaml',
        line: 4,
        reason: expect.stringMatching(
          /^Rusak-1\.0\.0\/api\.yaml is not valid YAML: .* at line 4, column 1$/,
        ) as unknown,
      },
      { entry: 'TanpaNama-1.0.0/api.yaml', path: '$.data.name', reason: 'is required' },
    ]);
  });
});

describe('F2 archive safety', () => {
  it.each([
    [
      'broken/f2-zip-bomb.zip',
      'UNSAFE_ARCHIVE',
      /refused as a zip bomb: entry "LayananKependudukan-1.0.0\/Docs\/padding.bin" expands \d+ times/,
    ],
    ['broken/f2-path-traversal.zip', 'UNSAFE_ARCHIVE', /has a "\.\." segment \(path traversal\)/],
    ['broken/f2-backslash.zip', 'UNSAFE_ARCHIVE', /has a backslash/],
    ['broken/f2-absolute-path.zip', 'UNSAFE_ARCHIVE', /has an absolute path/],
    ['broken/f2-nested-too-deep.zip', 'UNSAFE_ARCHIVE', /archives nested more than 2 deep/],
    ['broken/f2-no-api.zip', 'INVALID_DOCUMENT', /holds no api\.yaml/],
  ])('refuses %s before importing anything', async (name, code, message) => {
    const records: unknown[] = [];
    const attempt = parseFixture(name, { skipBad: true, onRecord: (r) => void records.push(r) });
    await expect(attempt).rejects.toMatchObject({ code, message: expect.stringMatching(message) as unknown });
    expect(records).toEqual([]);
  });

  it('refuses an archive with more entries than the limit (10,000 by default)', async () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({
      name: `d/${i}`,
      data: '',
      method: 'store' as const,
    }));
    const attempt = parseHubFile({ buffer: buildZip(entries), fileName: 'many.zip' }, { hubId: HUB });
    await expect(attempt).rejects.toMatchObject({
      code: 'ARCHIVE_LIMIT',
      message: 'many.zip has too many entries (10001, the limit is 10000)',
    });
  });

  it('refuses an archive that unpacks to more than the total size limit', async () => {
    const zip = readFileSync(fixturePath('f2-apictl-4x.zip'));
    const attempt = parseHubFile(
      { buffer: zip, fileName: 'api.zip' },
      { hubId: HUB, limits: { maxArchiveUncompressedBytes: 1024 } },
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'ARCHIVE_LIMIT',
      message: /unpacks to more than 1 KiB/,
    });
  });

  it('refuses an archive that is not a zip despite its magic bytes', async () => {
    const attempt = parseHubFile(
      { buffer: Buffer.from('PK\x03\x04 truncated'), fileName: 'x.zip' },
      { hubId: HUB },
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT',
      message: /not a readable zip archive/,
    });
  });
});
