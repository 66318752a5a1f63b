import { parseText } from './fixtures.testing';
import {
  TEMPLATE_COLUMNS,
  TEMPLATE_FILE_NAMES,
  templateExample,
  templateHeader,
  type TemplateId,
} from './templates';

describe('CSV templates', () => {
  it('offers the column names documented in hubdata §6.3', () => {
    expect(templateHeader('usage')).toBe(
      'hub_id,period_start,period_end,tenant_domain,api_id,api_name,api_version,api_context,api_provider,' +
        'application_id,application_name,application_owner,key_type,total_calls,success_calls,client_error_calls,' +
        'server_error_calls,fault_calls,throttled_calls,avg_latency_ms,p95_latency_ms,p99_latency_ms,' +
        'avg_backend_latency_ms,source',
    );
    expect(templateHeader('uptime')).toBe(
      'hub_id,monitor_name,url,period_start,period_end,uptime_pct,avg_response_ms,down_events,downtime_sec',
    );
    expect(templateHeader('units')).toBe('work_unit_code,work_unit_name,match_type,match_value');
    expect(templateHeader('hubs')).toBe(
      'hub_id,hub_name,level,platform,gateway_base_url,tenant_domain,parent_hub_id',
    );
  });

  it.each<[TemplateId, string, string]>([
    ['usage', 'F6-csv', 'usage'],
    ['uptime', 'F7-csv', 'uptime'],
    ['units', 'F8-units', 'mapping'],
    ['hubs', 'F8-hubs', 'hub'],
  ])('gives a %s example that is detected as %s and imports cleanly', async (id, variant, kind) => {
    const result = await parseText(templateExample(id), TEMPLATE_FILE_NAMES[id]);
    expect(result.format.variant).toBe(variant);
    expect(result.problems).toEqual([]);
    expect(result.records.length).toBeGreaterThan(0);
    expect(result.records.every((record) => record.kind === kind)).toBe(true);
  });

  it('lists every column once', () => {
    for (const columns of Object.values(TEMPLATE_COLUMNS)) expect(new Set(columns).size).toBe(columns.length);
  });
});
