import { msg } from '../../i18n/message';
import { FieldReader, isObject, type JsonObject } from './field-reader';
import type { FormatVariant, HubApi } from './hub.types';
import { tenantOf, textOf } from './values';

/** What every API mapping needs besides the source object. */
export interface ApiContext {
  hubId: string;
  /** Tenant of the hub, for providers written without `@tenant`. */
  tenantDomain: string;
  includePrototyped: boolean;
  source: FormatVariant;
}

const ACTIVE_STATES = new Set(['PUBLISHED', 'DEPRECATED']);

/** "Published on the bus": active lifecycle states; CREATED, BLOCKED, RETIRED are only registered. */
export function isPublishedOnBus(lifecycleStatus: string | undefined, includePrototyped = false): boolean {
  const status = lifecycleStatus?.toUpperCase();
  if (!status) return false;
  return ACTIVE_STATES.has(status) || (includePrototyped && status === 'PROTOTYPED');
}

/**
 * One API is one tenant, context and version, whatever WSO2 id it has: an API deleted and
 * re-created on the server, or also uploaded as its OpenAPI file, stays one entry. WSO2's id is
 * the key only when the context is unknown (the writer then maps it to the context key).
 */
export function apiKeyOf(
  api: Pick<HubApi, 'sourceId' | 'tenantDomain' | 'name' | 'version' | 'context'>,
): string {
  if (api.context) return contextKey(api.tenantDomain, api.context, api.version);
  return api.sourceId ?? nameKey(api.tenantDomain, api.name, api.version);
}

export const nameKey = (tenant: string, name: string | undefined, version: string | undefined): string =>
  `${tenant}|${name ?? ''}|${version ?? ''}`;

/**
 * `tenant|/context|version`. The gateway's form (`/t/bandung.go.id/kependudukan/1.0.0`), the
 * Publisher's (`/kependudukan`), 3.x's template (`/kependudukan/{version}`) and an OpenAPI base
 * path (`/kependudukan/1.0.0`) all give the same key.
 */
export function contextKey(tenant: string, context: string, version: string): string {
  let path = context
    .trim()
    .replace(/^\/t\/[^/]+/i, '')
    .replace(/\/\{version\}/, '');
  if (version && path.endsWith(`/${version}`)) path = path.slice(0, -version.length - 1);
  path = path.replace(/\/+$/, '');
  return `${tenant}|${path.startsWith('/') ? path : `/${path}`}|${version}`;
}

/** True for keys built by contextKey (WSO2 ids and name keys hold no `|/`). */
export const isContextKey = (key: string): boolean => key.includes('|/');

type ApiCore = Omit<HubApi, 'hubId' | 'tenantDomain' | 'publishedOnBus' | 'source' | 'tags' | 'props'> &
  Partial<Pick<HubApi, 'tags' | 'props'>>;

function complete(core: ApiCore, ctx: ApiContext): HubApi {
  return {
    hubId: ctx.hubId,
    ...core,
    tags: core.tags ?? [],
    props: core.props ?? {},
    tenantDomain: tenantOf(core.provider, ctx.tenantDomain),
    publishedOnBus: isPublishedOnBus(core.lifecycleStatus, ctx.includePrototyped),
    source: ctx.source,
  };
}

/** Publisher `API` / `APIInfo` (any REST version) and the `data` of a 4.x `api.yaml`. */
export function mapRestApi(r: FieldReader, ctx: ApiContext): HubApi | undefined {
  const name = r.text('name', true);
  const version = r.text('version', true);
  const business = r.child('businessInformation');
  const created = r.time('createdTime');
  const updated = r.obj.lastUpdatedTime !== undefined ? r.time('lastUpdatedTime') : r.time('updatedTime');
  const endpoints = endpointUrls(r, 'endpointConfig');
  const operations = r.array('operations');
  if (!r.ok || name === undefined || version === undefined) return undefined;
  return complete(
    {
      sourceId: r.text('id'),
      name,
      version,
      context: r.text('context'),
      provider: r.text('provider'),
      lifecycleStatus: r.text('lifeCycleStatus')?.toUpperCase(),
      type: r.text('type'),
      tags: r.texts('tags'),
      businessOwner: business?.text('businessOwner'),
      technicalOwner: business?.text('technicalOwner'),
      props: additionalProperties(r.obj),
      ...endpoints,
      operationCount: operations?.length,
      createdAt: created.date,
      createdAtText: created.text,
      updatedAt: updated.date,
      updatedAtText: updated.text,
    },
    ctx,
  );
}

/** `apictl get apis` entries: Go field names, capitalised. */
export function mapApictlApi(r: FieldReader, ctx: ApiContext): HubApi | undefined {
  const name = r.text('Name', true);
  const version = r.text('Version', true);
  if (!r.ok || name === undefined || version === undefined) return undefined;
  return complete(
    {
      sourceId: r.text('Id'),
      name,
      version,
      context: r.text('Context'),
      provider: r.text('Provider'),
      lifecycleStatus: r.text('LifeCycleStatus')?.toUpperCase(),
    },
    ctx,
  );
}

/** APIM 3.x `Meta-information/api.yaml|json`: the old model with `id: {providerName, apiName, version}`. */
export function mapApi3x(r: FieldReader, ctx: ApiContext): HubApi | undefined {
  const id = r.child('id') ?? r.fail('id', msg('msg.hubrow.idRequired'));
  const name = id?.text('apiName', true);
  const version = id?.text('version', true);
  const updated = r.time('lastUpdated');
  const endpoints = endpointUrls(r, 'endpointConfig');
  if (!r.ok || !id || name === undefined || version === undefined) return undefined;
  return complete(
    {
      sourceId: r.text('uuid'),
      name,
      version,
      context: contextOf3x(r),
      provider: id.text('providerName') ?? r.text('apiOwner'),
      lifecycleStatus: r.text('status')?.toUpperCase(),
      type: r.text('type'),
      tags: r.texts('tags'),
      businessOwner: r.text('businessOwner'),
      technicalOwner: r.text('technicalOwner'),
      props: additionalProperties(r.obj),
      ...endpoints,
      deployedEnvs: r.texts('environments'),
      updatedAt: updated.date,
      updatedAtText: updated.text,
    },
    ctx,
  );
}

/** `/pizzashack/{version}` -> `/pizzashack`; 3.x `context` has the version baked in. */
function contextOf3x(r: FieldReader): string | undefined {
  const template = r.text('contextTemplate');
  if (template) return template.replace(/\/?\{version\}/, '') || '/';
  return r.text('context');
}

/**
 * 3.2 writes a `{key: value}` map, 4.0+ a `[{name, value, display}]` list, 4.2+ also a
 * `{key: {name, value, display}}` map; all end up as key -> value text.
 */
export function additionalProperties(obj: JsonObject): Record<string, string> {
  const props: Record<string, string> = {};
  const add = (key: unknown, value: unknown): void => {
    const k = textOf(key);
    const v = typeof value === 'boolean' ? String(value) : textOf(value);
    if (k !== undefined && v !== undefined) props[k] = v;
  };
  for (const source of [obj.additionalPropertiesMap, obj.additionalProperties]) {
    if (Array.isArray(source)) {
      for (const item of source) if (isObject(item)) add(item.name, item.value);
    } else if (isObject(source)) {
      for (const [key, value] of Object.entries(source)) add(key, isObject(value) ? value.value : value);
    }
  }
  return props;
}

/** Production and sandbox URLs from an object or (3.x) a JSON string; arrays give their first URL. */
function endpointUrls(r: FieldReader, key: string): { productionUrl?: string; sandboxUrl?: string } {
  let config = r.obj[key];
  if (typeof config === 'string' && config.trim()) {
    try {
      config = JSON.parse(config) as unknown;
    } catch {
      r.fail(key, msg('msg.hubrow.notApimJson'));
      return {};
    }
  }
  if (!isObject(config)) return {};
  return {
    productionUrl: firstUrl(config.production_endpoints),
    sandboxUrl: firstUrl(config.sandbox_endpoints),
  };
}

function firstUrl(endpoints: unknown): string | undefined {
  const first = Array.isArray(endpoints) ? (endpoints[0] as unknown) : endpoints;
  return isObject(first) ? textOf(first.url) : undefined;
}
