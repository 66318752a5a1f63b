import { type Message, msg } from '../../i18n/message';
import { FAULT_TYPES, type FaultType } from './hub.types';
import { contextKey, nameKey } from './api.mapping';
import { deviceFamily } from './device-counts';
import { integerOf, numberOf, tenantOf, textOf, timeOf } from './values';

/**
 * One WSO2 analytics event (`apim:response` or `apim:faulty`), reduced to what the usage buckets
 * need. Built from the log line's JSON, an Elasticsearch `_source` document or a CSV row.
 */
export interface UsageEvent {
  time: number;
  kind: 'response' | 'fault';
  apiKey: string;
  /** WSO2's id of the API: faulty events carry no context, so their key is this id. */
  apiId?: string;
  apiName?: string;
  apiVersion?: string;
  apiContext?: string;
  apiCreator?: string;
  tenantDomain: string;
  appKey?: string;
  applicationName?: string;
  applicationOwner?: string;
  keyType?: string;
  proxyResponseCode?: number;
  errorType?: FaultType;
  responseLatency?: number;
  backendLatency?: number;
  requestMediationLatency?: number;
  responseMediationLatency?: number;
  /**
   * OS and browser family as the gateway parsed them (`Mac OS X`, `Chrome`); never the raw
   * header, the user or the IP, which are not read at all. WSO2's fault events carry neither.
   */
  platform?: string;
  userAgent?: string;
}

export type EventKindHint = 'response' | 'fault' | undefined;

const LATENCY_FIELDS = [
  'responseLatency',
  'backendLatency',
  'requestMediationLatency',
  'responseMediationLatency',
] as const;

/** An event, or the reasons (field: problem) it cannot be counted. */
export function eventFrom(
  doc: Record<string, unknown>,
  hint: EventKindHint,
  defaultTenant: string,
): UsageEvent | Message[] {
  const reasons: Message[] = [];
  const time = timeOf(doc.requestTimestamp)?.getTime();
  if (time === undefined)
    reasons.push(
      msg(
        doc.requestTimestamp === undefined ? 'msg.hubrow.event.timeRequired' : 'msg.hubrow.event.timeInvalid',
      ),
    );
  const kind = hint ?? kindOf(doc);
  if (!kind) reasons.push(msg('msg.hubrow.event.kind'));
  const api = apiIdentity(doc, defaultTenant, reasons);
  const event: UsageEvent = {
    time: time ?? 0,
    kind: kind ?? 'response',
    ...api,
    ...appIdentity(doc),
    keyType: textOf(doc.keyType)?.toUpperCase(),
    platform: deviceFamily(doc.platform),
    userAgent: deviceFamily(doc.userAgent),
  };
  if (event.kind === 'response') readResponse(doc, event, reasons);
  else readFault(doc, event, reasons);
  return reasons.length > 0 ? reasons : event;
}

function kindOf(doc: Record<string, unknown>): EventKindHint {
  const type = textOf(doc.eventType)?.toLowerCase();
  if (type === 'response') return 'response';
  if (type === 'fault' || type === 'faulty') return 'fault';
  if (textOf(doc.errorType) !== undefined) return 'fault';
  if (doc.proxyResponseCode !== undefined) return 'response';
  return undefined;
}

function apiIdentity(doc: Record<string, unknown>, defaultTenant: string, reasons: Message[]) {
  const apiId = textOf(doc.apiId);
  const apiName = textOf(doc.apiName);
  const apiVersion = textOf(doc.apiVersion);
  const apiCreator = textOf(doc.apiCreator);
  const tenantDomain = textOf(doc.apiCreatorTenantDomain) ?? tenantOf(apiCreator, defaultTenant);
  if (!apiId && !(apiName && apiVersion)) reasons.push(msg('msg.hubrow.event.api'));
  const apiContext =
    textOf(doc.apiContext) ?? textOf((doc.properties as Record<string, unknown> | undefined)?.apiContext);
  const apiKey =
    apiContext && apiVersion
      ? cachedContextKey(tenantDomain, apiContext, apiVersion)
      : (apiId ?? nameKey(tenantDomain, apiName, apiVersion));
  return { apiKey, apiId, apiName, apiVersion, apiContext, apiCreator, tenantDomain };
}

/** A million events name a few hundred APIs: their keys are computed once each. */
const KEYS = new Map<string, string>();
function cachedContextKey(tenant: string, context: string, version: string): string {
  const raw = `${tenant}\u0000${context}\u0000${version}`;
  let key = KEYS.get(raw);
  if (key === undefined) {
    if (KEYS.size > 10_000) KEYS.clear();
    key = contextKey(tenant, context, version);
    KEYS.set(raw, key);
  }
  return key;
}

function appIdentity(doc: Record<string, unknown>) {
  const applicationId = textOf(doc.applicationId);
  const applicationName = textOf(doc.applicationName);
  const applicationOwner = textOf(doc.applicationOwner);
  const appKey =
    applicationId ?? (applicationName ? `${applicationOwner ?? ''}|${applicationName}` : undefined);
  return { appKey, applicationName, applicationOwner };
}

function readResponse(doc: Record<string, unknown>, event: UsageEvent, reasons: Message[]): void {
  const code = integerOf(doc.proxyResponseCode);
  if (code === undefined || code < 100 || code > 599) {
    reasons.push(msg('msg.hubrow.event.status', { value: JSON.stringify(doc.proxyResponseCode) ?? '-' }));
  }
  event.proxyResponseCode = code;
  for (const field of LATENCY_FIELDS) {
    const raw = doc[field];
    if (raw === undefined || textOf(raw) === undefined) continue;
    const ms = numberOf(raw);
    if (ms === undefined || ms < 0)
      reasons.push(msg('msg.hubrow.event.latency', { field, value: JSON.stringify(raw) }));
    else event[field] = ms;
  }
}

function readFault(doc: Record<string, unknown>, event: UsageEvent, reasons: Message[]): void {
  const type = textOf(doc.errorType)?.toUpperCase();
  if (!type) reasons.push(msg('msg.hubrow.event.errorType'));
  // New categories in later WSO2 versions are still faults; they are counted as OTHER.
  event.errorType = FAULT_TYPES.includes(type as FaultType) ? (type as FaultType) : 'OTHER';
  event.proxyResponseCode = integerOf(doc.proxyResponseCode);
}
