import { UsageAggregator } from './usage-aggregator';
import type { UsageEvent } from './usage-event';

const DAY = Date.parse('2026-03-01T00:00:00Z');
const CONTEXT_KEY = 'nusa.go.id|/kependudukan|1.0.0';

/** Responses carry the API's context; WSO2's faulty events carry only its id. */
const response = (at: number): UsageEvent => ({
  time: DAY + at,
  kind: 'response',
  apiKey: CONTEXT_KEY,
  apiId: 'wso2-id-1',
  apiName: 'Kependudukan',
  apiVersion: '1.0.0',
  apiContext: '/kependudukan',
  tenantDomain: 'nusa.go.id',
  appKey: 'app-1',
  keyType: 'PRODUCTION',
  proxyResponseCode: 200,
  responseLatency: 40,
});
const fault = (at: number): UsageEvent => ({
  time: DAY + at,
  kind: 'fault',
  apiKey: 'wso2-id-1',
  apiId: 'wso2-id-1',
  apiName: 'Kependudukan',
  apiVersion: '1.0.0',
  tenantDomain: 'nusa.go.id',
  appKey: 'app-1',
  keyType: 'PRODUCTION',
  proxyResponseCode: 429,
  errorType: 'THROTTLED',
});

describe('UsageAggregator', () => {
  const aggregate = (events: UsageEvent[]) => {
    const aggregator = new UsageAggregator({
      hubId: 'spl',
      granularity: 'day',
      utcOffsetMinutes: 0,
      keepLatencyHistogram: false,
      source: 'F5-log',
    });
    events.forEach((e) => aggregator.add(e));
    return [...aggregator.drain()];
  };

  it('counts faults and responses of one API in one bucket, whichever came first in the file', () => {
    for (const events of [
      [fault(1), response(2), fault(3)],
      [response(1), fault(2), fault(3)],
    ]) {
      const buckets = aggregate(events);
      expect(buckets).toHaveLength(1);
      expect(buckets[0]).toMatchObject({
        apiKey: CONTEXT_KEY,
        apiContext: '/kependudukan',
        totalCalls: 3,
        successCalls: 1,
        faultCalls: 2,
        statusCodes: { 200: 1, 429: 2 },
      });
      expect(buckets[0].faultsByType?.THROTTLED).toBe(2);
    }
  });

  it('keeps the faults of an API never seen with its context under its WSO2 id', () => {
    expect(aggregate([fault(1)]).map((b) => [b.apiKey, b.totalCalls])).toEqual([['wso2-id-1', 1]]);
  });
});

describe('UsageAggregator: calls by device', () => {
  const aggregate = (events: UsageEvent[]) => {
    const aggregator = new UsageAggregator({
      hubId: 'spl',
      granularity: 'day',
      utcOffsetMinutes: 0,
      keepLatencyHistogram: false,
      source: 'F5-log',
    });
    events.forEach((e) => aggregator.add(e));
    return [...aggregator.drain()];
  };
  const from = (at: number, platform?: string, userAgent?: string): UsageEvent => ({
    ...response(at),
    platform,
    userAgent,
  });

  it('counts responses by platform and browser family, a missing one as UNKNOWN, faults left out', () => {
    const [bucket] = aggregate([
      from(1, 'Android', 'Chrome Mobile WebView'),
      from(2, 'Android', 'Chrome Mobile WebView'),
      from(3, 'Windows', 'Chrome'),
      from(4),
      fault(5),
    ]);
    expect(bucket.totalCalls).toBe(5);
    expect(bucket.platforms).toEqual({ Android: 2, Windows: 1, UNKNOWN: 1 });
    expect(bucket.userAgents).toEqual({ 'Chrome Mobile WebView': 2, Chrome: 1, UNKNOWN: 1 });
  });

  it('adds the device counts of faults read under the WSO2 id into the context bucket', () => {
    const named = { ...fault(1), platform: 'Linux', userAgent: 'curl' };
    const buckets = aggregate([named, from(2, 'Linux', 'Firefox')]);
    expect(buckets).toHaveLength(1);
    expect(buckets[0].platforms).toEqual({ Linux: 2 });
    expect(buckets[0].userAgents).toEqual({ curl: 1, Firefox: 1 });
  });

  it('gives a bucket of faults alone empty counts, not none: the events could have named devices', () => {
    expect(aggregate([fault(1)])[0]).toMatchObject({ platforms: {}, userAgents: {} });
  });
});
