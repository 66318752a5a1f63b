import { msg } from '../../i18n/message';
import { isPublishedOnBus } from './api.mapping';
import { readDocument } from './document';
import { FieldReader, isObject, REQUIRED, type JsonObject } from './field-reader';
import type { HubApi } from './hub.types';
import {
  bad,
  badReason,
  requireHub,
  row,
  type ParseItem,
  type ParserContext,
  type ParserInput,
} from './parser-kit';
import { tenantOf, textOf } from './values';

/**
 * F3: one OpenAPI 3.x or Swagger 2.0 document (YAML or JSON) describes one API. The document
 * carries no lifecycle; the upload form states it (hubdata.md §6.3).
 */
export async function* parseOpenApi(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  const hubId = requireHub(ctx);
  const doc = await readDocument(input.body, ctx.limits.maxDocumentBytes, input.fileName);
  if (!isObject(doc) || (doc.openapi === undefined && doc.swagger === undefined)) {
    yield badReason(msg('msg.hubrow.notOpenApi'), { path: '$' });
    return;
  }
  const reader = new FieldReader(doc, '$');
  const info = reader.child('info') ?? reader.fail('info', REQUIRED);
  const name = info?.text('title', true);
  const version = info?.text('version', true);
  if (!info || !reader.ok || name === undefined || version === undefined) {
    yield bad(reader.problems);
    return;
  }
  const lifecycleStatus = ctx.openApiLifecycleStatus?.toUpperCase();
  const api: HubApi = {
    hubId,
    name,
    version,
    ...locations(doc),
    tenantDomain: tenantOf(undefined, ctx.tenantDomain),
    lifecycleStatus,
    publishedOnBus: isPublishedOnBus(lifecycleStatus, ctx.includePrototyped),
    type: 'HTTP',
    tags: tagNames(doc.tags),
    props: extensionProps(info.obj),
    operationCount: countOperations(doc),
    source: ctx.variant,
  };
  yield row({ kind: 'api', value: api });
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'];

/**
 * Operations per §4: fixed method keys of each path item (`trace` does not exist in Swagger 2,
 * `query` and `additionalOperations` came with OAS 3.2). Local `$ref` path items are followed
 * once; references to other files cannot be resolved here and are not counted.
 */
export function countOperations(doc: JsonObject): number {
  const swagger2 = doc.swagger !== undefined;
  const methods = swagger2 ? METHODS.filter((m) => m !== 'trace' && m !== 'query') : METHODS;
  let count = 0;
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    const pathItem = resolveLocalRef(doc, item);
    if (!pathItem) continue;
    count += methods.filter((method) => isObject(pathItem[method])).length;
    if (!swagger2 && isObject(pathItem.additionalOperations))
      count += Object.keys(pathItem.additionalOperations).length;
  }
  return count;
}

function resolveLocalRef(doc: JsonObject, item: unknown): JsonObject | undefined {
  if (!isObject(item)) return undefined;
  const ref = item.$ref;
  if (typeof ref !== 'string') return item;
  if (!ref.startsWith('#/')) return undefined;
  let target: unknown = doc;
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) ? target[key] : undefined;
  }
  return isObject(target) ? target : undefined;
}

/** Context and endpoints: WSO2 `x-wso2-*` extensions first, then servers (OAS 3) or host/basePath (Swagger 2). */
function locations(doc: JsonObject): Pick<HubApi, 'context' | 'productionUrl' | 'sandboxUrl'> {
  const server = firstServerUrl(doc);
  const production = firstUrl(doc['x-wso2-production-endpoints']) ?? server;
  const basePath = textOf(doc['x-wso2-basePath']) ?? textOf(doc.basePath) ?? pathOf(server);
  return {
    context: basePath,
    productionUrl: production,
    sandboxUrl: firstUrl(doc['x-wso2-sandbox-endpoints']),
  };
}

function firstServerUrl(doc: JsonObject): string | undefined {
  if (Array.isArray(doc.servers) && isObject(doc.servers[0])) {
    const server = doc.servers[0];
    const variables = isObject(server.variables) ? server.variables : {};
    return textOf(server.url)?.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return (isObject(variable) ? textOf(variable.default) : undefined) ?? whole;
    });
  }
  const host = textOf(doc.host);
  if (!host) return undefined;
  const scheme = Array.isArray(doc.schemes) ? (textOf(doc.schemes[0]) ?? 'https') : 'https';
  return `${scheme}://${host}${textOf(doc.basePath) ?? ''}`;
}

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('/')) return url;
  try {
    const path = new URL(url).pathname;
    return path === '/' ? undefined : path;
  } catch {
    return undefined;
  }
}

function firstUrl(endpoints: unknown): string | undefined {
  return isObject(endpoints) && Array.isArray(endpoints.urls) ? textOf(endpoints.urls[0]) : undefined;
}

function tagNames(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  return tags.map((tag) => (isObject(tag) ? textOf(tag.name) : undefined)).filter((t): t is string => !!t);
}

/** `info.x-*` extensions (an agency may write `x-unit-kerja` there), as text. */
function extensionProps(info: JsonObject): Record<string, string> {
  const props: Record<string, string> = {};
  for (const [key, value] of Object.entries(info)) {
    if (!key.startsWith('x-') || value === undefined || value === null) continue;
    props[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return props;
}
