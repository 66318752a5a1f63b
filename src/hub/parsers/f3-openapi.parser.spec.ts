import { countOperations } from './f3-openapi.parser';
import { parseFixture, parseText, valuesOf, inLang } from './fixtures.testing';

describe('F3 OpenAPI and Swagger documents', () => {
  it('maps an OpenAPI 3 YAML document with the lifecycle stated on the upload form', async () => {
    const result = await parseFixture('f3-openapi3.yaml', { openApiLifecycleStatus: 'published' });
    expect(valuesOf(result, 'api')).toEqual([
      {
        hubId: 'splp-bandung',
        name: 'Layanan Perizinan Usaha',
        version: '2.1.0',
        context: '/perizinan/2.1.0',
        productionUrl: 'https://splp.bandung.go.id/perizinan/2.1.0',
        sandboxUrl: undefined,
        tenantDomain: 'carbon.super',
        lifecycleStatus: 'PUBLISHED',
        publishedOnBus: true,
        type: 'HTTP',
        tags: ['perizinan', 'DPMPTSP'],
        props: { 'x-unit-kerja': 'DPMPTSP' },
        operationCount: 5,
        source: 'F3-openapi3',
      },
    ]);
  });

  it('maps Swagger 2 host, basePath and schemes, without counting trace', async () => {
    const [api] = valuesOf(await parseFixture('f3-swagger2.json'), 'api');
    expect(api).toMatchObject({
      name: 'Layanan Cuaca',
      version: '1.0',
      context: '/cuaca/1.0',
      productionUrl: 'https://api.bandung.go.id/cuaca/1.0',
      operationCount: 3,
      publishedOnBus: false,
      props: { 'x-opd': 'BPBD' },
    });
  });

  it('prefers the x-wso2 base path and endpoints of a WSO2-exported definition', async () => {
    const [api] = valuesOf(
      await parseFixture('f2-src/apictl-4x/LayananKependudukan-1.0.0/Definitions/swagger.yaml'),
      'api',
    );
    expect(api).toMatchObject({
      context: '/kependudukan/1.0.0',
      productionUrl: 'http://10.10.1.5:8080/penduduk',
      sandboxUrl: 'http://10.20.1.5:8080/penduduk',
    });
  });

  it('reports a document without info.title and info.version', async () => {
    const result = await parseText('openapi: 3.1.0\ninfo:\n  summary: x\npaths: {}\n', 'x.yaml');
    expect(inLang(result.problems)).toEqual([
      { path: '$.info.title', reason: 'is required' },
      { path: '$.info.version', reason: 'is required' },
    ]);
  });

  it('refuses invalid YAML with its line', async () => {
    await expect(parseFixture('broken/f3-bad-yaml.txt')).rejects.toMatchObject({ code: 'INVALID_DOCUMENT' });
  });
});

describe('countOperations', () => {
  it('counts OAS 3.2 query and additionalOperations, and skips external path references', () => {
    const doc = {
      openapi: '3.2.0',
      paths: {
        '/a': {
          get: {},
          query: {},
          additionalOperations: { LINK: {}, UNLINK: {} },
          summary: 'not an operation',
        },
        '/b': { $ref: 'other-file.yaml#/b' },
        '/c': { $ref: '#/components/pathItems/C' },
      },
      components: { pathItems: { C: { post: {}, 'x-internal': {} } } },
    };
    expect(countOperations(doc)).toBe(5);
  });

  it('counts nothing for a webhooks-only OAS 3.1 document', () => {
    expect(countOperations({ openapi: '3.1.0', webhooks: { ping: { post: {} } } })).toBe(0);
  });
});
