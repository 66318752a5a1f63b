/**
 * Builders of small hub export files in the documented shapes (hubdata.md §1, §2, §6), for the
 * hub e2e tests. Only tests import this file.
 */

export interface ApiSpec {
  id: string;
  name: string;
  version?: string;
  context?: string;
  provider?: string;
  status?: string;
  tags?: string[];
  businessOwner?: string;
  props?: Record<string, string>;
  productionUrl?: string;
}

/** A Publisher `GET /apis` page (APIList, REST v4) with API detail fields. */
export function publisherApiList(apis: ApiSpec[]): string {
  return JSON.stringify({
    count: apis.length,
    list: apis.map((a) => ({
      id: a.id,
      name: a.name,
      version: a.version ?? '1.0.0',
      context: a.context ?? `/${a.name.toLowerCase()}`,
      provider: a.provider ?? 'admin',
      type: 'HTTP',
      lifeCycleStatus: a.status ?? 'PUBLISHED',
      tags: a.tags ?? [],
      businessInformation: a.businessOwner ? { businessOwner: a.businessOwner } : undefined,
      additionalProperties: Object.entries(a.props ?? {}).map(([name, value]) => ({
        name,
        value,
        display: true,
      })),
      endpointConfig: a.productionUrl
        ? { endpoint_type: 'http', production_endpoints: { url: a.productionUrl } }
        : undefined,
      createdTime: '1767225600000',
    })),
    pagination: { offset: 0, limit: 25, total: apis.length, next: '', previous: '' },
  });
}

export interface EventSpec {
  apiId: string;
  apiName?: string;
  at: string;
  app?: { id: string; name: string; owner: string };
  code?: number;
  latency?: number;
  fault?: 'AUTH' | 'THROTTLED' | 'TARGET_CONNECTIVITY' | 'OTHER';
  keyType?: string;
  tenant?: string;
}

let sequence = 0;

/** One analytics event as the ELK reporter logs it (`apim:response` / `apim:faulty` JSON). */
export function analyticsEvent(e: EventSpec): Record<string, unknown> {
  sequence += 1;
  const common = {
    apiId: e.apiId,
    apiName: e.apiName ?? 'Api',
    apiVersion: '1.0.0',
    apiCreator: `admin@${e.tenant ?? 'nusa.go.id'}`,
    apiCreatorTenantDomain: e.tenant ?? 'nusa.go.id',
    correlationId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    requestTimestamp: e.at,
    keyType: e.keyType ?? 'PRODUCTION',
    ...(e.app ? { applicationId: e.app.id, applicationName: e.app.name, applicationOwner: e.app.owner } : {}),
  };
  if (e.fault) return { ...common, eventType: 'fault', errorType: e.fault, errorCode: 900901 };
  return {
    ...common,
    eventType: 'response',
    proxyResponseCode: e.code ?? 200,
    responseLatency: e.latency ?? 10,
    backendLatency: Math.max(0, (e.latency ?? 10) - 5),
  };
}

export function ndjson(events: EventSpec[]): string {
  return `${events.map((e) => JSON.stringify(analyticsEvent(e))).join('\n')}\n`;
}

export function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((cells) => cells.join(',')).join('\n') + '\n';
}

/** An F8 units file: code, name, and optionally one rule per row. */
export function unitsCsv(rows: Array<[string, string, string, string]>): string {
  return csv(['work_unit_code', 'work_unit_name', 'match_type', 'match_value'], rows);
}

/** An F8 hubs file: one row per gateway. */
export function hubsCsv(rows: Array<[string, string, string, string, string, string]>): string {
  return csv(['hub_id', 'hub_name', 'level', 'platform', 'gateway_base_url', 'tenant_domain'], rows);
}

export interface SubscriptionSpec {
  apiId: string;
  appId: string;
  appName: string;
  owner: string;
  status?: string;
}

/** A Devportal `GET /subscriptions` answer: both sides of each subscription are named. */
export function devportalSubscriptions(subs: SubscriptionSpec[]): string {
  return JSON.stringify({
    count: subs.length,
    list: subs.map((s, i) => ({
      subscriptionId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
      applicationId: s.appId,
      apiId: s.apiId,
      applicationInfo: { applicationId: s.appId, name: s.appName, owner: s.owner, status: 'APPROVED' },
      throttlingPolicy: 'Unlimited',
      status: s.status ?? 'UNBLOCKED',
    })),
    pagination: { offset: 0, limit: 25, total: subs.length, next: '', previous: '' },
  });
}
