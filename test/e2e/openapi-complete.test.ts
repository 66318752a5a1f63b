import request from 'supertest';
import { TestApp, createTestApp } from '../support/test-app';

interface Operation {
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: object; schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Routes anyone may call: they cannot answer 401 or 403. */
const PUBLIC = new Set(['POST /api/v1/auth/login', 'POST /api/v1/mail/unsubscribe']);
const ERROR_BODY = '#/components/schemas/ApiErrorView';

function bodySchema(doc: Document, op: Operation): Schema | undefined {
  const json = op.requestBody?.content['application/json']?.schema;
  return json?.$ref ? doc.components.schemas[json.$ref.split('/').pop()!] : json;
}

/** What a client reading the document would miss on one operation. */
function missing(doc: Document, key: string, path: string, op: Operation): string[] {
  const problems: string[] = [];
  const has = (status: number) => op.responses[String(status)] !== undefined;
  const need = (status: number, why: boolean) => why && !has(status) && problems.push(`${status} response`);
  if (!op.summary?.trim()) problems.push('summary');
  if (!op.description?.trim()) problems.push('description');
  need(401, !PUBLIC.has(key));
  need(403, !PUBLIC.has(key));
  need(404, path.includes('{'));
  need(400, Boolean(op.requestBody) || (op.parameters ?? []).length > 0);
  const multipart = Boolean(op.requestBody?.content['multipart/form-data']);
  need(413, multipart);
  need(415, multipart);
  need(409, bodySchema(doc, op)?.properties?.version !== undefined);
  for (const [status, response] of Object.entries(op.responses)) {
    if (!/^4\d\d$/.test(status)) continue;
    if (response.content?.['application/json']?.schema?.$ref !== ERROR_BODY) {
      problems.push(`${status} error body schema`);
    }
  }
  for (const [type, content] of Object.entries(op.requestBody?.content ?? {})) {
    if (content.example === undefined && content.examples === undefined)
      problems.push(`${type} body example`);
  }
  return problems;
}

describe('the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('documents every /api/v1 operation with a summary, a description, its errors and body examples', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    const doc = res.body as Document;
    const gaps: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        operations++;
        const key = `${method.toUpperCase()} ${path}`;
        const problems = missing(doc, key, path, op);
        if (problems.length > 0) gaps.push(`${key}: ${problems.join(', ')}`);
      }
    }
    expect(operations).toBeGreaterThan(100);
    expect(gaps).toEqual([]);
  });

  it('describes the error body a client receives', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    const schema = (res.body as Document).components.schemas.ApiErrorView;
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['statusCode', 'code', 'message', 'details']),
    );
  });
});
