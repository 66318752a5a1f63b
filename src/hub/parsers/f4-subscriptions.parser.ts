import { msg } from '../../i18n/message';
import { contextKey, nameKey } from './api.mapping';
import { APICTL_APP_COLUMNS, apictlTable } from './apictl-table';
import { readDocument } from './document';
import { childPath, describe, FieldReader, isObject, REQUIRED, type JsonObject } from './field-reader';
import { HubFileError } from './hub-file.error';
import type { HubApplication, HubRecord, HubSubscription } from './hub.types';
import { jsonObjects } from './json-seq';
import {
  bad,
  badReason,
  requireHub,
  row,
  type ParseItem,
  type ParserContext,
  type ParserInput,
} from './parser-kit';
import { tenantOf } from './values';

/**
 * F4: who consumes which API. Devportal subscription lists name both sides; Publisher lists name
 * only the application, so the API comes from a `{apiId, list}` wrapper or a
 * `subscriptions_<apiId>.json` file name; application exports list their subscribed APIs;
 * application lists (Admin, Devportal, apictl) give applications only.
 */
export async function* parseSubscriptions(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  const hubId = requireHub(ctx);
  if (ctx.variant === 'F4-apictl-apps-table') {
    for await (const item of apictlTable(input.body, APICTL_APP_COLUMNS, ctx.limits.maxLineBytes)) {
      if ('error' in item) yield badReason(item.error, { line: item.line });
      else yield appItem(item.cells, '$', hubId, apictlApp, { line: item.line });
    }
    return;
  }
  if (ctx.variant === 'F4-apictl-apps') {
    for await (const item of jsonObjects(input.body, ctx.limits.maxLineBytes)) {
      if ('error' in item) yield badReason(item.error, { line: item.line });
      else yield appItem(item.value, '$', hubId, apictlApp, { line: item.line });
    }
    return;
  }
  const doc = await readDocument(input.body, ctx.limits.maxDocumentBytes, input.fileName);
  yield* mapSubscriptionDocument(doc, { hubId, tenantDomain: ctx.tenantDomain, fileName: input.fileName });
}

export interface SubscriptionContext {
  hubId: string;
  tenantDomain: string;
  fileName: string;
  entry?: string;
}

export function* mapSubscriptionDocument(doc: unknown, ctx: SubscriptionContext): Generator<ParseItem> {
  const where = { entry: ctx.entry };
  if (isObject(doc) && (isObject(doc.data) || Array.isArray(doc.subscribedAPIs))) {
    yield applicationExport(doc, ctx);
    return;
  }
  const list = isObject(doc) && Array.isArray(doc.list) ? doc.list : Array.isArray(doc) ? doc : undefined;
  if (!list) {
    yield badReason(msg('msg.hubrow.notSubsList'), { ...where, path: '$' });
    return;
  }
  const base = Array.isArray(doc) ? '$' : '$.list';
  const wrapperApiId = isObject(doc) ? publisherApiId(doc, ctx.fileName) : undefined;
  // A Devportal list repeats the application on each of its subscriptions; it is reported once.
  const seenApps = new Set<string>();
  for (const [i, item] of list.entries()) {
    const path = childPath(base, i);
    if (!isObject(item) || !('subscriptionId' in item)) {
      yield appItem(item, path, ctx.hubId, restApp, where);
      continue;
    }
    const parsed = subscriptionItem(item, path, ctx, wrapperApiId);
    if (parsed.kind === 'row') {
      parsed.records = parsed.records.filter((r) => r.kind !== 'application' || !seenApps.has(r.value.key));
      parsed.records.forEach((r) => r.kind === 'application' && seenApps.add(r.value.key));
    }
    yield parsed;
  }
}

/** `{apiId, list}` wrapper, else `subscriptions_<apiId>.json`. */
function publisherApiId(doc: JsonObject, fileName: string): string | undefined {
  if (typeof doc.apiId === 'string' && doc.apiId) return doc.apiId;
  return /^subscriptions_([^/\\]+)\.json$/i.exec(fileName)?.[1];
}

function subscriptionItem(
  item: JsonObject,
  path: string,
  ctx: SubscriptionContext,
  wrapperApiId?: string,
): ParseItem {
  const r = new FieldReader(item, path);
  const info = r.child('applicationInfo') ?? r.fail('applicationInfo', REQUIRED);
  const appId = r.text('applicationId') ?? info?.text('applicationId');
  const name = info?.text('name', true);
  // Devportal items say `owner`; Publisher items call the same person `subscriber`.
  const owner = info?.text('owner') ?? info?.text('subscriber');
  const apiKey = apiKeyFromInfo(r, ctx.tenantDomain) ?? r.text('apiId') ?? wrapperApiId;
  if (apiKey === undefined) {
    throw new HubFileError('MISSING_CONTEXT', msg('msg.hubfile.subsNoApi'));
  }
  const status = r.text('status') ?? r.text('subscriptionStatus');
  if (!r.ok || name === undefined) return bad(r.problems, { entry: ctx.entry });
  const app = application(ctx.hubId, { sourceId: appId, name, owner, status: info?.text('status') });
  const subscription: HubSubscription = {
    hubId: ctx.hubId,
    apiKey,
    appKey: app.key,
    status,
    tier: r.text('throttlingPolicy'),
    active: status === undefined || status.toUpperCase() === 'UNBLOCKED',
  };
  return row({ kind: 'application', value: app }, { kind: 'subscription', value: subscription });
}

/** The Devportal's apiInfo names the context, which identifies the API across formats. */
function apiKeyFromInfo(r: FieldReader, tenantDomain: string): string | undefined {
  const info = r.child('apiInfo');
  if (!info) return undefined;
  const id = info.text('id');
  const name = info.text('name');
  const version = info.text('version');
  const context = info.text('context');
  const tenant = tenantOf(info.text('provider'), tenantDomain);
  if (context && version) return contextKey(tenant, context, version);
  if (id || !name || !version) return id;
  return nameKey(tenant, name, version);
}

/** `application.yaml|json`: `{type, version, data: {applicationInfo, subscribedAPIs[]}}`. */
function applicationExport(doc: JsonObject, ctx: SubscriptionContext): ParseItem {
  const root = new FieldReader(doc, '$');
  const data = isObject(doc.data) ? root.child('data') : root;
  const info = data?.child('applicationInfo') ?? data?.fail('applicationInfo', REQUIRED);
  const name = info?.text('name', true);
  const subscribed = data?.array('subscribedAPIs') ?? [];
  if (!data || !info || !root.ok || name === undefined) return bad(root.problems, { entry: ctx.entry });
  const app = application(ctx.hubId, {
    sourceId: info.text('applicationId'),
    name,
    owner: info.text('owner') ?? info.text('subscriber'),
    status: info.text('status'),
  });
  const records: HubRecord[] = [{ kind: 'application', value: app }];
  subscribed.forEach((entry, i) => {
    const sub = subscribedApi(entry, childPath(`${data.path}.subscribedAPIs`, i), ctx, app.key, root);
    if (sub) records.push({ kind: 'subscription', value: sub });
  });
  return root.ok ? row(...records) : bad(root.problems, { entry: ctx.entry });
}

function subscribedApi(
  entry: unknown,
  path: string,
  ctx: SubscriptionContext,
  appKey: string,
  root: FieldReader,
): HubSubscription | undefined {
  if (!isObject(entry)) {
    root.problems.push({ path, reason: msg('msg.hubrow.notObject', { value: describe(entry) }) });
    return undefined;
  }
  const r = new FieldReader(entry, path, root.problems);
  const id = r.child('apiId') ?? r.fail('apiId', REQUIRED);
  const uuid = id?.text('uuid');
  const name = id?.text('apiName', !uuid);
  const version = id?.text('version', !uuid);
  if (!id || (!uuid && (!name || !version))) return undefined;
  const apiKey = uuid ?? nameKey(tenantOf(id.text('providerName'), ctx.tenantDomain), name, version);
  const status = r.text('subscriptionStatus') ?? r.text('status');
  return {
    hubId: ctx.hubId,
    apiKey,
    appKey,
    status,
    tier: r.text('throttlingPolicy') ?? id.text('tier'),
    active: status === undefined || status.toUpperCase() === 'UNBLOCKED',
  };
}

type AppFields = Omit<HubApplication, 'hubId' | 'key'>;

function application(hubId: string, fields: AppFields): HubApplication {
  return { hubId, key: fields.sourceId ?? `${fields.owner ?? ''}|${fields.name}`, ...fields };
}

const restApp = (r: FieldReader): AppFields | undefined => {
  const name = r.text('name', true);
  const fields = { sourceId: r.text('applicationId'), owner: r.text('owner'), status: r.text('status') };
  return name === undefined ? undefined : { ...fields, name };
};

const apictlApp = (r: FieldReader): AppFields | undefined => {
  const name = r.text('Name', true);
  const fields = { sourceId: r.text('Id'), owner: r.text('Owner'), status: r.text('Status') };
  return name === undefined ? undefined : { ...fields, name };
};

function appItem(
  value: unknown,
  path: string,
  hubId: string,
  read: (r: FieldReader) => AppFields | undefined,
  where: { line?: number; entry?: string },
): ParseItem {
  if (!isObject(value)) return badReason(msg('msg.hubrow.notApplication'), { ...where, path });
  const r = new FieldReader(value, path);
  const fields = read(r);
  return fields && r.ok
    ? row({ kind: 'application', value: application(hubId, fields) })
    : bad(r.problems, where);
}
