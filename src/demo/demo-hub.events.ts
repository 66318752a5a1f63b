import {
  DEMO_EVENT_COUNT,
  DEMO_HUB_CONSUMERS,
  DEMO_MONITORS,
  NATIONAL_BACKEND_OUTAGE,
  NATIONAL_HUB,
  type DemoHubApi,
  type DemoHubConsumer,
  type UserAgentKind,
} from './demo-hub.data';
import {
  DAY,
  MINUTE,
  apiIdOf,
  apiOf,
  appIdOf,
  outageInterval,
  tenantContext,
  within,
  type DataWindow,
  type DemoHubAgency,
  type Interval,
} from './demo-hub.common';

/**
 * F5: WSO2 analytics events (`apim_event_response` / `apim_event_faulty` documents) as JSON
 * lines, drawn by a seeded PRNG: the same window gives the same bytes.
 */

const SEED = 0x5b1e2026;

/** mulberry32: small, fast and the same on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

function randomUuid(rng: Rng): string {
  const word = () =>
    Math.floor(rng() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  const hex = word() + word() + word() + word();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Latency around a median, skewed to the right like real response times (log-normal). */
function latency(rng: Rng, medianMs: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const spike = rng() < 0.01 ? 4 + rng() * 6 : 1;
  return Math.max(3, Math.round(medianMs * Math.exp(0.45 * z) * spike));
}

/** A time in the window: weekdays and office hours (WIB = UTC+7) busier, traffic growing a little. */
function timeSampler(window: DataWindow, rng: Rng): (agent: UserAgentKind) => number {
  const days = Math.round((window.end.getTime() - window.start.getTime()) / DAY);
  const cumulative: number[] = [];
  let total = 0;
  for (let d = 0; d < days; d += 1) {
    const weekday = new Date(window.start.getTime() + d * DAY).getUTCDay();
    total += (weekday === 0 || weekday === 6 ? 0.25 : 1) * (0.8 + (0.4 * d) / days);
    cumulative.push(total);
  }
  return (agent) => {
    const target = rng() * total;
    const d = cumulative.findIndex((c) => c >= target);
    // Office hours 08-16 WIB for desks and servers; 07-22 WIB for citizens on the mobile app.
    const [from, hours, share] = agent === 'mobile' ? [0, 15, 0.85] : [1, 8, 0.8];
    const minute = rng() < share ? (from + rng() * hours) * 60 : rng() * 1440;
    return window.start.getTime() + d * DAY + Math.floor(minute * MINUTE + rng() * MINUTE);
  };
}

/**
 * The OS and browser families the gateway parses from each kind of caller (WSO2 writes UNKNOWN
 * for server clients), with their relative weights: what the hub page's "Devices" block shows.
 */
const AGENTS: Record<
  UserAgentKind,
  { devices: Array<[platform: string, userAgent: string, weight: number]>; ip: (rng: Rng) => string }
> = {
  server: {
    devices: [
      ['UNKNOWN', 'UNKNOWN', 8],
      ['Linux', 'Apache-HttpClient', 2],
    ],
    ip: (rng) => `10.20.1.${10 + Math.floor(rng() * 90)}`,
  },
  web: {
    devices: [
      ['Windows', 'Chrome', 11],
      ['Windows', 'Edge', 4],
      ['Windows', 'Firefox', 1],
      ['Mac OS X', 'Safari', 2],
      ['Linux', 'Firefox', 1],
      ['Ubuntu', 'Chrome', 1],
    ],
    ip: (rng) => `10.30.${Math.floor(rng() * 8)}.${Math.floor(rng() * 250)}`,
  },
  mobile: {
    devices: [
      ['Android', 'Chrome Mobile WebView', 14],
      ['Android', 'Chrome Mobile', 2],
      ['iOS', 'Mobile Safari', 4],
    ],
    ip: (rng) => `114.${120 + Math.floor(rng() * 8)}.${Math.floor(rng() * 250)}.${Math.floor(rng() * 250)}`,
  },
};

/**
 * A caller's device, chosen from the event's time rather than the random stream, so the demo's
 * other figures (times, outcomes, latencies) stay what they were before devices varied.
 */
function deviceOf(kind: UserAgentKind, at: number): { platform: string; userAgent: string } {
  const { devices } = AGENTS[kind];
  const total = devices.reduce((sum, [, , weight]) => sum + weight, 0);
  let r = (Math.imul(at % 1_000_003, 2654435761) >>> 0) % total;
  for (const [platform, userAgent, weight] of devices) {
    if (r < weight) return { platform, userAgent };
    r -= weight;
  }
  return { platform: devices[0][0], userAgent: devices[0][1] };
}

type FaultType = 'THROTTLED' | 'AUTH' | 'TARGET_CONNECTIVITY';

/** errorMessage (sub-category), errorCode and HTTP status as the WSO2 gateway reports them. */
const FAULTS: Record<FaultType, Array<[string, number, number]>> = {
  THROTTLED: [
    ['APPLICATION_LEVEL_LIMIT_EXCEEDED', 900803, 429],
    ['SUBSCRIPTION_LIMIT_EXCEEDED', 900804, 429],
  ],
  AUTH: [
    ['AUTHENTICATION_FAILURE', 900901, 401],
    ['SUBSCRIPTION_VALIDATION_FAILURE', 900908, 403],
  ],
  TARGET_CONNECTIVITY: [['CONNECTION_TIMEOUT', 101504, 504]],
};

interface Call {
  consumer: DemoHubConsumer;
  api: DemoHubApi;
  national: boolean;
  userName: string;
  /** The fields every event of this application calling this API shares, as JSON members. */
  identityJson: string;
}

function callOf(agency: DemoHubAgency, consumer: DemoHubConsumer, api: DemoHubApi): Call {
  const apiContext = `${tenantContext(agency, api)}/${api.version}`;
  const userName = `${consumer.owner}@${agency.domain}`;
  const identity = {
    keyType: consumer.keyType ?? 'PRODUCTION',
    apiId: apiIdOf(api),
    apiType: 'HTTP',
    apiName: api.name,
    apiVersion: api.version,
    apiCreator: `${api.provider}@${agency.domain}`,
    apiCreatorTenantDomain: agency.domain,
    apiContext,
    applicationId: appIdOf(consumer),
    applicationName: consumer.name,
    applicationOwner: userName,
    regionId: 'default',
    gatewayType: 'SYNAPSE',
    responseCacheHit: false,
    properties: { apiContext, userName },
  };
  return {
    consumer,
    api,
    national: api.backend.startsWith(NATIONAL_HUB.gateway),
    userName,
    identityJson: JSON.stringify(identity).slice(1, -1),
  };
}

type Outcome = { fault: FaultType; status?: never } | { status: number; fault?: never };

/** Which faults a call meets, by cumulative share: national backends time out more often. */
const FAULT_MIX: Record<'national' | 'local', Array<[FaultType, number]>> = {
  national: [
    ['TARGET_CONNECTIVITY', 0.45],
    ['THROTTLED', 0.8],
    ['AUTH', 1],
  ],
  local: [
    ['THROTTLED', 0.5],
    ['AUTH', 0.85],
    ['TARGET_CONNECTIVITY', 1],
  ],
};

/** About 1-2% faults, 2% client errors, under 1% server errors; the rest succeeds. */
function outcome(rng: Rng, call: Call, at: number, backendDown: Interval[]): Outcome {
  if (call.national && within(at, backendDown) && rng() < 0.85) return { fault: 'TARGET_CONNECTIVITY' };
  const r = rng();
  const faultShare = call.national ? 0.02 : 0.012;
  if (r < faultShare) {
    const f = rng();
    const mix = FAULT_MIX[call.national ? 'national' : 'local'];
    return { fault: mix.find(([, upTo]) => f < upTo)?.[0] ?? 'THROTTLED' };
  }
  const clientShare = faultShare + 0.02;
  if (r < clientShare) return { status: pick(rng, [400, 404, 404, 422]) };
  if (r < clientShare + (call.national ? 0.01 : 0.004)) return { status: pick(rng, [500, 502, 503]) };
  return { status: 200 };
}

/**
 * One JSON line. The members shared by all events of a call are serialised once (spreading a
 * 30-field object per event made generating the demo several times slower).
 */
function eventLine(rng: Rng, call: Call, at: number, result: Outcome): string {
  const head = `{"requestTimestamp":"${new Date(at).toISOString()}","correlationId":"${randomUuid(rng)}",`;
  return `${head}${call.identityJson},${JSON.stringify(eventFields(rng, call, at, result)).slice(1)}`;
}

function eventFields(rng: Rng, call: Call, at: number, result: Outcome): Record<string, unknown> {
  const { api, consumer } = call;
  if (result.fault) {
    const [errorMessage, errorCode, status] = pick(rng, FAULTS[result.fault]);
    return {
      eventType: 'fault',
      errorType: result.fault,
      errorCode,
      errorMessage,
      proxyResponseCode: status,
      targetResponseCode: -1,
    };
  }
  const [method, template] = pick(rng, api.resources ?? [['GET', '/*']]);
  const clientError = result.status >= 400 && result.status < 500;
  // Client errors are answered early (validation, not found): faster than a full response.
  const total = latency(rng, clientError ? api.medianMs * 0.6 : api.medianMs);
  const requestMediation = 2 + Math.floor(rng() * 10);
  const responseMediation = 1 + Math.floor(rng() * 5);
  const status = result.status === 200 && method === 'POST' ? 201 : result.status;
  const device = deviceOf(consumer.agent, at);
  return {
    eventType: 'response',
    apiMethod: method,
    apiResourceTemplate: template,
    destination: `${api.backend}${template === '/*' ? '' : template.replace(/\{[^}]+\}/g, '1')}`,
    userName: call.userName,
    userIp: AGENTS[consumer.agent].ip(rng),
    userAgent: device.userAgent,
    platform: device.platform,
    proxyResponseCode: status,
    targetResponseCode: status,
    responseLatency: total,
    backendLatency: Math.max(1, total - requestMediation - responseMediation),
    requestMediationLatency: requestMediation,
    responseMediationLatency: responseMediation,
  };
}

/**
 * JSON lines of `apim_event_response` and `apim_event_faulty` documents, oldest first. Nothing
 * is recorded while the gateway itself was down (the monitors' outages).
 */
export function analyticsEvents(agency: DemoHubAgency, window: DataWindow): string {
  const rng = prng(SEED);
  const when = timeSampler(window, rng);
  // The first monitor watches the gateway: while it was down, nothing reached the analytics.
  const gatewayDown = DEMO_MONITORS[0].outages.map((o) => outageInterval(window, o));
  const backendDown = [outageInterval(window, NATIONAL_BACKEND_OUTAGE)];
  const weights = DEMO_HUB_CONSUMERS.flatMap((c) => c.calls.map(([, w]) => w));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const events: Array<{ at: number; line: string }> = [];
  for (const consumer of DEMO_HUB_CONSUMERS) {
    for (const [ref, weight] of consumer.calls) {
      const api = apiOf(ref, consumer.name);
      const call = callOf(agency, consumer, api);
      // +-25% around the share, so volumes do not come out as multiples of one number.
      const count = Math.round(((DEMO_EVENT_COUNT * weight) / totalWeight) * (0.75 + rng() / 2));
      for (let i = 0; i < count; i += 1) {
        const at = when(consumer.agent);
        if (within(at, gatewayDown)) continue;
        events.push({ at, line: eventLine(rng, call, at, outcome(rng, call, at, backendDown)) });
      }
    }
  }
  events.sort((a, b) => a.at - b.at);
  return `${events.map((e) => e.line).join('\n')}\n`;
}
