import { msg } from '../../i18n/message';
import { contextKey, nameKey } from './api.mapping';
import type { FieldReader } from './field-reader';
import type { HubRecord, UsageBucket } from './hub.types';
import type { ParseItem, ParserContext, ParserInput } from './parser-kit';
import { parseTemplateCsv, rowHub, rowPeriod } from './template-csv';
import { tenantOf } from './values';

export const USAGE_REQUIRED_COLUMNS = ['period_start', 'period_end', 'api_name', 'total_calls'] as const;

/**
 * F6: the aggregated usage template, for hubs without raw events (Choreo monthly reports,
 * APIM 3.x dashboards, MANTRA, manual counts). Latency figures are kept "as reported": they
 * cannot be turned into exact percentiles, hence precision AGGREGATED.
 */
export function parseUsageCsv(input: ParserInput, ctx: ParserContext): AsyncGenerator<ParseItem> {
  return parseTemplateCsv(input, ctx, USAGE_REQUIRED_COLUMNS, usageRow);
}

const count = (r: FieldReader, key: string, required = false): number | undefined =>
  r.number(key, { required, integer: true, min: 0 });
const ms = (r: FieldReader, key: string): number | undefined => r.number(key, { min: 0 });

function usageRow(r: FieldReader, ctx: ParserContext): HubRecord | undefined {
  const hubId = rowHub(r, ctx);
  const period = rowPeriod(r, 'period_start', 'period_end');
  const apiName = r.text('api_name', true);
  const totalCalls = count(r, 'total_calls', true);
  const calls = {
    successCalls: count(r, 'success_calls'),
    clientErrorCalls: count(r, 'client_error_calls'),
    serverErrorCalls: count(r, 'server_error_calls'),
    faultCalls: count(r, 'fault_calls'),
  };
  const throttled = count(r, 'throttled_calls');
  const latency = latencyFields(r);
  const parts = Object.values(calls).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  if (totalCalls !== undefined && parts > totalCalls) {
    r.fail('total_calls', msg('msg.hubrow.callsSum', { total: totalCalls, parts }));
  }
  if (!hubId || !period || apiName === undefined || totalCalls === undefined || !r.ok) return undefined;
  const bucket: UsageBucket = {
    hubId,
    periodStart: period.start,
    periodEnd: period.end,
    ...apiFields(r, apiName, ctx.tenantDomain),
    ...appFields(r),
    keyType: r.text('key_type')?.toUpperCase(),
    totalCalls,
    ...calls,
    faultsByType: throttled !== undefined ? { THROTTLED: throttled } : undefined,
    latency,
    precision: 'AGGREGATED',
    source: ctx.variant,
    reportedSource: r.text('source'),
  };
  return { kind: 'usage', value: bucket };
}

function apiFields(r: FieldReader, apiName: string, defaultTenant: string) {
  const apiProvider = r.text('api_provider');
  const tenantDomain = r.text('tenant_domain') ?? tenantOf(apiProvider, defaultTenant);
  const apiVersion = r.text('api_version');
  const apiContext = r.text('api_context');
  const apiKey =
    apiContext && apiVersion
      ? contextKey(tenantDomain, apiContext, apiVersion)
      : (r.text('api_id') ?? nameKey(tenantDomain, apiName, apiVersion));
  return { apiKey, apiName, apiVersion, apiContext, apiProvider, tenantDomain };
}

function appFields(r: FieldReader) {
  const applicationName = r.text('application_name');
  const applicationOwner = r.text('application_owner');
  const appKey =
    r.text('application_id') ??
    (applicationName ? `${applicationOwner ?? ''}|${applicationName}` : undefined);
  return { appKey, applicationName, applicationOwner };
}

function latencyFields(r: FieldReader): UsageBucket['latency'] {
  const latency = {
    avgMs: ms(r, 'avg_latency_ms'),
    p95Ms: ms(r, 'p95_latency_ms'),
    p99Ms: ms(r, 'p99_latency_ms'),
    backendAvgMs: ms(r, 'avg_backend_latency_ms'),
  };
  return Object.values(latency).some((v) => v !== undefined) ? latency : undefined;
}
