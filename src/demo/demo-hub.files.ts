import type { UptimeOptions } from '../hub/parsers';
import { MAIN_UNITS } from './demo-agency.data';
import {
  DAY,
  apiIdOf,
  apiOf,
  appIdOf,
  dataWindow,
  outageInterval,
  tenantContext,
  uuidOf,
  type DataWindow,
  type DemoHubAgency,
  type Interval,
} from './demo-hub.common';
import {
  DEMO_CALLS_WITHOUT_SUBSCRIPTION,
  DEMO_EXTRA_SUBSCRIPTIONS,
  DEMO_HUB_APIS,
  DEMO_HUB_CONSUMERS,
  DEMO_HUB_RULES,
  DEMO_MONITORS,
  NATIONAL_HUB,
  OWN_HUB,
  type DemoHubConsumer,
  type DemoOutage,
} from './demo-hub.data';
import { analyticsEvents } from './demo-hub.events';

/**
 * The demo regency's hub exports, generated: an F8 hubs and an F8 units file, an F1 Publisher
 * API list, F4 Devportal subscriptions, F5 analytics events (demo-hub.events.ts) and an F7
 * UptimeRobot getMonitors answer. Same day, same bytes. The data window is this month and the
 * two before it, up to the end of yesterday (UTC).
 */

export { dataWindow, type DataWindow, type DemoHubAgency } from './demo-hub.common';

/** One file to import, with what the import form would say about it. */
export interface DemoHubFile {
  fileName: string;
  content: string;
  hubId?: string;
  uptime?: UptimeOptions;
}

export function demoHubFiles(agency: DemoHubAgency, today: Date): DemoHubFile[] {
  const window = dataWindow(today);
  const hubId = `spl-${agency.code.toLowerCase()}`;
  const day = window.end.toISOString().slice(0, 10);
  return [
    { fileName: 'hub-instances.csv', content: hubsCsv(agency, hubId) },
    { fileName: 'work-unit-mapping.csv', content: unitsCsv(agency) },
    { fileName: `publisher-apis-${day}.json`, content: apiList(agency, window), hubId },
    { fileName: `devportal-subscriptions-${day}.json`, content: subscriptionList(agency), hubId },
    {
      fileName: `apim_event-export-${day}.ndjson`,
      content: analyticsEvents(agency, window),
      hubId,
    },
    {
      fileName: `uptimerobot-getMonitors-${day}.json`,
      content: monitors(window),
      hubId,
      uptime: { ranges: window.months },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// F8 and F1

function csv(rows: string[][]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

function hubsCsv(agency: DemoHubAgency, hubId: string): string {
  return csv([
    ['hub_id', 'hub_name', 'level', 'platform', 'gateway_base_url', 'tenant_domain', 'parent_hub_id'],
    [NATIONAL_HUB.hubId, NATIONAL_HUB.name, 'NASIONAL', 'WSO2_APIM_4', NATIONAL_HUB.gateway, '', ''],
    [hubId, OWN_HUB.name, 'DAERAH', 'WSO2_APIM_4', OWN_HUB.gateway, agency.domain, NATIONAL_HUB.hubId],
  ]);
}

function unitsCsv(agency: DemoHubAgency): string {
  const nameOf = new Map(MAIN_UNITS.map((u) => [u.code, u.name]));
  const qualified = (type: string, value: string) =>
    type === 'provider' || type === 'app_owner' ? `${value}@${agency.domain}` : value;
  return csv([
    ['work_unit_code', 'work_unit_name', 'match_type', 'match_value'],
    ...DEMO_HUB_RULES.map(([code, type, value]) => [
      code,
      nameOf.get(code) ?? code,
      type,
      qualified(type, value),
    ]),
  ]);
}

/** Publisher `GET /apis?limit=50` (APIList v4), items carrying the detail fields an export has. */
function apiList(agency: DemoHubAgency, window: DataWindow): string {
  const end = window.end.getTime();
  const list = DEMO_HUB_APIS.map((a) => ({
    id: apiIdOf(a),
    name: a.name,
    description: a.description,
    context: tenantContext(agency, a),
    version: a.version,
    provider: `${a.provider}@${agency.domain}`,
    type: 'HTTP',
    audience: 'PUBLIC',
    lifeCycleStatus: a.status,
    hasThumbnail: false,
    securityScheme: ['oauth2', 'oauth_basic_auth_api_key_mandatory'],
    createdTime: String(end - a.createdDaysAgo * DAY + 9 * 3_600_000),
    updatedTime: String(end - Math.floor(a.createdDaysAgo / 3) * DAY + 14 * 3_600_000),
    gatewayVendor: 'wso2',
    advertiseOnly: false,
    tags: a.tags ?? [],
    businessInformation: a.businessOwner ? { businessOwner: a.businessOwner } : undefined,
    endpointConfig: {
      endpoint_type: 'http',
      production_endpoints: { url: a.backend },
      sandbox_endpoints: { url: a.backend },
    },
  }));
  return JSON.stringify(
    {
      count: list.length,
      list,
      pagination: { offset: 0, limit: 50, total: list.length, next: '', previous: '' },
    },
    null,
    2,
  );
}

/** Devportal `GET /subscriptions` answers, joined: both the application and the API are named. */
function subscriptionList(agency: DemoHubAgency): string {
  const consumers = new Map(DEMO_HUB_CONSUMERS.map((c) => [c.name, c]));
  const wanted: Array<[DemoHubConsumer, string, string]> = [
    ...DEMO_HUB_CONSUMERS.flatMap((c) =>
      c.calls
        .filter(([ref]) => !DEMO_CALLS_WITHOUT_SUBSCRIPTION.includes(`${c.name} > ${ref}`))
        .map(([ref]): [DemoHubConsumer, string, string] => [c, ref, 'UNBLOCKED']),
    ),
    ...DEMO_EXTRA_SUBSCRIPTIONS.map(([name, ref, status]): [DemoHubConsumer, string, string] => {
      const consumer = consumers.get(name);
      if (!consumer) throw new Error(`Demo hub data: unknown consumer ${name}`);
      return [consumer, ref, status];
    }),
  ];
  const list = wanted.map(([consumer, ref, status]) => {
    const api = apiOf(ref, consumer.name);
    const tier = api.name === 'Verifikasi NIK' ? 'Gold' : 'Unlimited';
    return {
      subscriptionId: uuidOf(`subscription:${consumer.name}:${ref}`),
      applicationId: appIdOf(consumer),
      apiId: apiIdOf(api),
      apiInfo: {
        id: apiIdOf(api),
        name: api.name,
        context: tenantContext(agency, api),
        version: api.version,
        provider: `${api.provider}@${agency.domain}`,
        lifeCycleStatus: api.status,
      },
      applicationInfo: {
        applicationId: appIdOf(consumer),
        name: consumer.name,
        throttlingPolicy: 'Unlimited',
        owner: `${consumer.owner}@${agency.domain}`,
        status: 'APPROVED',
      },
      throttlingPolicy: tier,
      requestedThrottlingPolicy: tier,
      status,
    };
  });
  return JSON.stringify(
    {
      count: list.length,
      list,
      pagination: { offset: 0, limit: 100, total: list.length, next: '', previous: '' },
    },
    null,
    2,
  );
}

// ---------------------------------------------------------------------------------------------
// F7: UptimeRobot v2 getMonitors

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Percentage of the range the monitor was up, as UptimeRobot writes it (three decimals). */
function uptimeIn(range: Interval, down: Interval[]): string {
  const downMs = down.reduce(
    (sum, d) => sum + Math.max(0, Math.min(d.end, range.end) - Math.max(d.start, range.start)),
    0,
  );
  return ((100 * (range.end - range.start - downMs)) / (range.end - range.start)).toFixed(3);
}

/** `logs`, newest first: started, then each outage (down) and the recovery after it (up). */
function monitorLogs(created: number, end: number, outages: DemoOutage[], down: Interval[]) {
  const logs: Array<Record<string, unknown>> = [{ type: 98, datetime: seconds(created), duration: 60 }];
  down.forEach((d, i) => {
    const next = down[i + 1]?.start ?? end;
    logs.push({
      type: 1,
      datetime: seconds(d.start),
      duration: seconds(d.end - d.start),
      reason: { code: outages[i].code, detail: outages[i].detail },
    });
    logs.push({
      type: 2,
      datetime: seconds(d.end),
      duration: seconds(next - d.end),
      reason: { code: '200', detail: 'OK' },
    });
  });
  return logs.reverse();
}

function monitors(window: DataWindow): string {
  const end = window.end.getTime();
  const created = window.start.getTime() - 400 * DAY;
  const list = DEMO_MONITORS.map((m, i) => {
    const outages = [...m.outages].sort((a, b) => b.daysAgo - a.daysAgo);
    const down = outages.map((o) => outageInterval(window, o));
    const ranges = window.months.map((r) => ({ start: r.start.getTime(), end: r.end.getTime() }));
    return {
      id: 793_512_044 + i * 7,
      friendly_name: m.name,
      url: m.url,
      type: 1,
      sub_type: '',
      keyword_type: null,
      keyword_case_type: null,
      keyword_value: '',
      http_username: '',
      http_password: '',
      port: '',
      interval: 300,
      timeout: 30,
      status: 2,
      create_datetime: seconds(created),
      monitor_group: 0,
      is_group_main: 0,
      all_time_uptime_ratio: uptimeIn({ start: created, end }, down),
      custom_uptime_ranges: ranges.map((r) => uptimeIn(r, down)).join('-'),
      average_response_time: m.responseMs.toFixed(3),
      logs: monitorLogs(created, end, outages, down),
    };
  });
  return JSON.stringify(
    { stat: 'ok', pagination: { offset: 0, limit: 50, total: list.length }, monitors: list },
    null,
    2,
  );
}
