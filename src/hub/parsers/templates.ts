/**
 * The CSV templates offered for download on the import page (hubdata.md §6.3). Column names are
 * the contract with the parsers; the example rows show the expected notation (ISO dates, dot as
 * decimal separator, tenant-qualified users) and parse cleanly, which a test checks.
 */
export type TemplateId = 'usage' | 'uptime' | 'units' | 'hubs';

export const TEMPLATE_COLUMNS: Record<TemplateId, readonly string[]> = {
  usage: [
    'hub_id',
    'period_start',
    'period_end',
    'tenant_domain',
    'api_id',
    'api_name',
    'api_version',
    'api_context',
    'api_provider',
    'application_id',
    'application_name',
    'application_owner',
    'key_type',
    'total_calls',
    'success_calls',
    'client_error_calls',
    'server_error_calls',
    'fault_calls',
    'throttled_calls',
    'avg_latency_ms',
    'p95_latency_ms',
    'p99_latency_ms',
    'avg_backend_latency_ms',
    'source',
  ],
  uptime: [
    'hub_id',
    'monitor_name',
    'url',
    'period_start',
    'period_end',
    'uptime_pct',
    'avg_response_ms',
    'down_events',
    'downtime_sec',
  ],
  units: ['work_unit_code', 'work_unit_name', 'match_type', 'match_value'],
  hubs: ['hub_id', 'hub_name', 'level', 'platform', 'gateway_base_url', 'tenant_domain', 'parent_hub_id'],
};

export const TEMPLATE_FILE_NAMES: Record<TemplateId, string> = {
  usage: 'hub-usage-template.csv',
  uptime: 'hub-uptime-template.csv',
  units: 'work-unit-mapping-template.csv',
  hubs: 'hub-instances-template.csv',
};

const EXAMPLE_ROWS: Record<TemplateId, ReadonlyArray<readonly string[]>> = {
  usage: [
    [
      'splp-bandung',
      '2024-01-01',
      '2024-01-31',
      'bandung.go.id',
      '',
      'LayananKependudukan',
      '1.0.0',
      '/kependudukan/1.0.0',
      'disdukcapil@bandung.go.id',
      '',
      'AplikasiPerizinan',
      'dpmptsp@bandung.go.id',
      'PRODUCTION',
      '12500',
      '12000',
      '350',
      '100',
      '50',
      '20',
      '84.5',
      '210',
      '480',
      '61.2',
      'Choreo monthly report',
    ],
  ],
  uptime: [
    [
      'splp-bandung',
      'Gateway SPLP Bandung',
      'https://splp.bandung.go.id/',
      '2024-01-01',
      '2024-01-31',
      '99.95',
      '312',
      '2',
      '1320',
    ],
  ],
  units: [
    ['DISDUKCAPIL', 'Dinas Kependudukan dan Pencatatan Sipil', 'provider', 'disdukcapil@bandung.go.id'],
    ['DISDUKCAPIL', 'Dinas Kependudukan dan Pencatatan Sipil', 'context_prefix', '/kependudukan'],
    ['DPMPTSP', 'Dinas Penanaman Modal dan PTSP', 'app_owner', 'dpmptsp@bandung.go.id'],
  ],
  hubs: [
    ['splp-nasional', 'SPLP Nasional', 'NASIONAL', 'WSO2_APIM_4', 'https://splp.layanan.go.id', '', ''],
    [
      'splp-bandung',
      'SPL Kota Bandung',
      'DAERAH',
      'WSO2_APIM_4',
      'https://splp.bandung.go.id',
      'bandung.go.id',
      'splp-nasional',
    ],
  ],
};

export function templateHeader(id: TemplateId): string {
  return TEMPLATE_COLUMNS[id].join(',');
}

/** A small, valid example file: the header and one to three rows, CRLF as Excel writes it. */
export function templateExample(id: TemplateId): string {
  const lines = [TEMPLATE_COLUMNS[id], ...EXAMPLE_ROWS[id]].map((cells) => cells.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
