import { EntityManager } from 'typeorm';
import { msg } from '../i18n/message';
import {
  apiKeyOf,
  isContextKey,
  nameKey,
  tenantOf,
  type HubApplication,
  type HubInstanceRow,
  type HubRecord,
  type HubSubscription,
  type MappingRule,
  type MonitorState,
  type RecordLocation,
  type RowProblem,
  type UptimeBucket,
  type UsageBucket,
} from './parsers';
import { BatchContext, HubRecordsRepository, KeyedApi } from './hub-records.repository';
import { HubRulesRepository, RuleInput } from './hub-rules.repository';
import { mergeUsage } from './hub-usage.merge';

/** Records held before a flush; F5 buckets carry histograms, so batches stay modest. */
const BATCH_SIZE = 250;

/** Unit ids by lower-case unit code, for F8 rows. */
export type UnitCodes = Map<string, string>;

/**
 * The sink the parser delivers records to during an import. It holds at most one batch per
 * record kind and writes through the transaction's manager, so memory does not grow with the
 * file. Records the parser accepted but the agency's data refuses (an F8 row naming an unknown
 * unit) become problems with the row's line, like the parser's own.
 */
export class HubRecordWriter {
  readonly problems: RowProblem[] = [];
  private readonly apis = new Map<string, KeyedApi>();
  private readonly apiStubs = new Map<string, KeyedApi>();
  private readonly apps = new Map<string, HubApplication>();
  private readonly appStubs = new Map<string, HubApplication>();
  private readonly subs = new Map<string, HubSubscription>();
  private readonly usage = new Map<string, UsageBucket>();
  private readonly uptime = new Map<string, UptimeBucket>();
  private readonly monitors = new Map<string, MonitorState>();
  /** WSO2 ids and name keys of the APIs this file described, to their context key. */
  private readonly aliases = new Map<string, string>();
  private readonly rules = new Map<string, RuleInput>();
  private hubs: HubInstanceRow[] = [];
  private held = 0;

  constructor(
    private readonly m: EntityManager,
    private readonly repo: HubRecordsRepository,
    private readonly mappingRules: HubRulesRepository,
    private readonly at: BatchContext,
    private readonly units: UnitCodes,
    private readonly actorId: string | null,
  ) {}

  async take(record: HubRecord, where: RecordLocation): Promise<void> {
    this.hold(record, where);
    if (++this.held >= BATCH_SIZE) await this.flush();
  }

  async finish(): Promise<void> {
    await this.flush();
  }

  private hold(record: HubRecord, where: RecordLocation): void {
    switch (record.kind) {
      case 'api': {
        const api = record.value;
        const key = apiKeyOf(api);
        this.apis.set(`${api.hubId}\u0000${key}`, { ...api, key });
        if (api.sourceId) this.aliases.set(`${api.hubId}\u0000${api.sourceId}`, key);
        this.aliases.set(`${api.hubId}\u0000${nameKey(api.tenantDomain, api.name, api.version)}`, key);
        return;
      }
      case 'application':
        this.apps.set(`${record.value.hubId}\u0000${record.value.key}`, record.value);
        return;
      case 'subscription':
        this.subs.set(subKey(record.value), record.value);
        this.stubApi(record.value.hubId, record.value.apiKey, {});
        return;
      case 'usage':
        this.holdUsage(record.value);
        return;
      case 'uptime':
        this.uptime.set(uptimeKey(record.value), record.value);
        return;
      case 'monitor':
        this.monitors.set(`${record.value.hubId}\u0000${record.value.monitorId}`, record.value);
        return;
      case 'mapping':
        this.holdRule(record.value, where);
        return;
      case 'hub':
        this.hubs.push(record.value);
        return;
    }
  }

  private holdUsage(bucket: UsageBucket): void {
    const key = usageKey(bucket);
    const met = this.usage.get(key);
    this.usage.set(key, met ? mergeUsage(met, bucket) : bucket);
    this.stubApi(bucket.hubId, bucket.apiKey, bucket);
    if (bucket.appKey) {
      this.appStubs.set(`${bucket.hubId}\u0000${bucket.appKey}`, {
        hubId: bucket.hubId,
        key: bucket.appKey,
        name: bucket.applicationName ?? bucket.appKey,
        owner: bucket.applicationOwner,
      });
    }
  }

  /** APIs known only from usage or subscriptions still get a row, so they can be attributed. */
  private stubApi(hubId: string, key: string, seen: Partial<UsageBucket>): void {
    this.apiStubs.set(`${hubId}\u0000${key}`, {
      hubId,
      key,
      name: seen.apiName ?? key,
      version: seen.apiVersion ?? '',
      context: seen.apiContext,
      provider: seen.apiProvider,
      tenantDomain: seen.tenantDomain ?? tenantOf(seen.apiProvider, ''),
      publishedOnBus: false,
      tags: [],
      props: {},
      source: seen.source ?? 'F4-devportal-subs',
    });
  }

  /**
   * Maps the WSO2 ids and name keys that subscriptions and usage name to the context key of the
   * API they mean: from this file first, else from the APIs already stored (one query a batch).
   */
  private async resolver(): Promise<(hubId: string, key: string) => string> {
    const wanted = new Map<string, { hubId: string; alias: string }>();
    const ask = (hubId: string, key: string) => {
      const id = `${hubId}\u0000${key}`;
      if (!isContextKey(key) && !this.aliases.has(id)) wanted.set(id, { hubId, alias: key });
    };
    for (const s of this.subs.values()) ask(s.hubId, s.apiKey);
    for (const b of this.usage.values()) ask(b.hubId, b.apiKey);
    const stored = await this.repo.apiKeysByAlias(this.m, this.at.agencyId, [...wanted.values()]);
    for (const [id, key] of stored) this.aliases.set(id, key);
    return (hubId, key) => this.aliases.get(`${hubId}\u0000${key}`) ?? key;
  }

  private holdRule(rule: MappingRule, where: RecordLocation): void {
    const unitId = this.units.get(rule.workUnitCode.trim().toLowerCase());
    if (!unitId) {
      this.problems.push({
        ...where,
        reason: msg('msg.hubrow.unknownUnit', { code: rule.workUnitCode }),
      });
      return;
    }
    if (!rule.matchType || !rule.matchValue) return;
    const value = rule.matchValue.trim();
    this.rules.set(`${rule.matchType}\u0000${value.toLowerCase()}`, {
      unitId,
      matchType: rule.matchType,
      matchValue: value,
    });
  }

  private async flush(): Promise<void> {
    const { m, repo, at } = this;
    await repo.upsertApis(m, at, take(this.apis));
    const rekey = await this.resolver();
    const subs = take(this.subs).map((s) => ({ ...s, apiKey: rekey(s.hubId, s.apiKey) }));
    const usage = take(this.usage).map((b) => ({ ...b, apiKey: rekey(b.hubId, b.apiKey) }));
    const stubs = take(this.apiStubs).map((a) => ({ ...a, key: rekey(a.hubId, a.key) }));
    await repo.upsertApis(
      m,
      at,
      dedupe(stubs, (a) => `${a.hubId}\u0000${a.key}`),
      true,
    );
    await repo.upsertApplications(m, at, take(this.apps));
    await repo.upsertApplications(m, at, take(this.appStubs), true);
    await repo.upsertSubscriptions(m, at, dedupe(subs, subKey));
    const batch = mergeByKey(usage);
    // A key this import already wrote in an earlier batch adds up as it would within one batch.
    const written = await repo.usageOfImport(m, at, batch);
    await repo.upsertUsage(m, at, written.length ? mergeByKey([...written, ...batch]) : batch);
    await repo.upsertUptime(m, at, take(this.uptime));
    await repo.upsertMonitors(m, at, take(this.monitors));
    await repo.upsertInstances(m, at, this.hubs.splice(0));
    await this.mappingRules.upsertImported(m, at.agencyId, at.importId, this.actorId, take(this.rules));
    this.held = 0;
  }
}

/** Two records that named one API by its id and by its context are one after re-keying. */
function dedupe<T>(items: T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}

/** Usage buckets that meet on one key after re-keying add up (calls and sums), never replace. */
function mergeByKey(buckets: UsageBucket[]): UsageBucket[] {
  const out = new Map<string, UsageBucket>();
  for (const b of buckets) {
    const met = out.get(usageKey(b));
    out.set(usageKey(b), met ? mergeUsage(met, b) : b);
  }
  return [...out.values()];
}

function take<T>(map: Map<string, T>): T[] {
  const values = [...map.values()];
  map.clear();
  return values;
}

const subKey = (s: HubSubscription) => [s.hubId, s.apiKey, s.appKey].join('\u0000');
const usageKey = (b: UsageBucket) =>
  [
    b.hubId,
    b.apiKey,
    b.appKey ?? '',
    b.keyType ?? '',
    b.periodStart.toISOString(),
    b.periodEnd.toISOString(),
  ].join('\u0000');
const uptimeKey = (b: UptimeBucket) =>
  [b.hubId, b.monitorId, b.periodStart.toISOString(), b.periodEnd.toISOString()].join('\u0000');
