import { openInput, type HubInput } from './byte-source';
import { detectFormat, familyOf } from './detect';
import { parseApis } from './f1-apis.parser';
import { parseArchive } from './f2-archive.parser';
import { parseOpenApi } from './f3-openapi.parser';
import { parseSubscriptions } from './f4-subscriptions.parser';
import { parseAnalytics } from './f5-analytics.parser';
import { parseUsageCsv } from './f6-usage-csv.parser';
import { parseUptime } from './f7-uptime.parser';
import { parseMappingCsv } from './f8-mapping.parser';
import { HubFileError } from './hub-file.error';
import type { DetectedFormat, FormatVariant, HubRecord, ImportFormat, RowProblem } from './hub.types';
import { resolveLimits, type HubLimits } from './limits';
import {
  requireHub,
  type FormatParser,
  type ParseItem,
  type ParserContext,
  type UptimeOptions,
} from './parser-kit';
import { UsageAggregator, type Granularity } from './usage-aggregator';
import { SUPER_TENANT } from './values';

export interface ParseHubFileOptions {
  /** The user's choice; a family ('F5') keeps detecting the variant inside it. */
  format?: FormatVariant | ImportFormat;
  /** Import the good rows and report the bad ones, instead of all or nothing. */
  skipBad?: boolean;
  maxProblems?: number;
  hubId?: string;
  /** Tenant of the hub, for providers written without `@tenant`; default carbon.super. */
  tenantDomain?: string;
  /** Count PROTOTYPED APIs as published on the bus. */
  includePrototyped?: boolean;
  /** F5 bucket size (default day) and the zone whose days and hours buckets follow (default UTC). */
  granularity?: Granularity;
  utcOffsetMinutes?: number;
  /** F5: attach each bucket's exact latency histogram, to merge percentiles over longer periods. */
  keepLatencyHistogram?: boolean;
  /** F5: exact backend and request-mediation percentiles too (two more recorders per bucket). */
  extraLatencies?: boolean;
  uptime?: UptimeOptions;
  openApiLifecycleStatus?: string;
  limits?: Partial<HubLimits>;
  /**
   * Receives records as they are accepted, so large files are never held in memory. When the
   * result is not ok the caller must discard what it received (roll back its transaction);
   * delivery stops at the first problem unless skipBad is set. Without a sink, records are
   * collected into `records`.
   */
  onRecord?: (record: HubRecord, where: RecordLocation) => void | Promise<void>;
}

/** Where a delivered record came from, when the format knows (CSV templates give the line). */
export type RecordLocation = Omit<RowProblem, 'reason'>;

export interface ParseResult {
  /** False when a row was rejected and skipBad is off: the caller then writes nothing. */
  ok: boolean;
  format: DetectedFormat;
  fileName: string;
  /** Of the file's bytes: the same file imported twice is recognised by it. */
  sha256: string;
  bytes: number;
  counts: { rowsRead: number; accepted: number; rejected: number; records: number };
  /** The first `maxProblems` problems, in file order. */
  problems: RowProblem[];
  problemsTruncated: boolean;
  /** Collected records (empty with a sink, or when not ok). */
  records: HubRecord[];
  archiveLayouts?: string[];
  /** F5 only: what was held while streaming (it depends on buckets, not on lines). */
  aggregation?: { buckets: number; heldLatencies: number; histogramPages: number };
}

const PARSERS: Record<ImportFormat, FormatParser> = {
  F1: parseApis,
  F2: (input, ctx) => (ctx.variant === 'F2-zip' ? parseArchive(input, ctx) : parseApis(input, ctx)),
  F3: parseOpenApi,
  F4: parseSubscriptions,
  F5: parseAnalytics,
  F6: parseUsageCsv,
  F7: parseUptime,
  F8: parseMappingCsv,
};

const DEFAULT_VARIANT: Record<ImportFormat, FormatVariant> = {
  F1: 'F1-list',
  F2: 'F2-zip',
  F3: 'F3-openapi3',
  F4: 'F4-devportal-subs',
  F5: 'F5-log',
  F6: 'F6-csv',
  F7: 'F7-uptimerobot-v2',
  F8: 'F8-units',
};

/**
 * Detects the format (unless given), parses the file in one streaming pass and reports counts,
 * problems with their location, and the content hash. Throws HubFileError when the file as a
 * whole cannot be imported (unknown format, invalid document, unsafe archive, over a limit).
 */
export async function parseHubFile(input: HubInput, options: ParseHubFileOptions = {}): Promise<ParseResult> {
  const limits = resolveLimits(options.limits);
  const opened = await openInput(input, limits.headBytes);
  try {
    const format = chooseFormat(opened.head, opened.fileName, options.format);
    const ctx = contextFor(format.variant, limits, options);
    const run = new ImportRun(options, format.family === 'F5' ? aggregatorFor(ctx, options) : undefined);
    for await (const item of PARSERS[format.family](opened, ctx)) await run.take(item);
    await run.finish();
    const digest = await opened.finish();
    return { format, fileName: opened.fileName, ...digest, ...run.summary() };
  } finally {
    await opened.close();
  }
}

export function chooseFormat(
  head: Buffer,
  fileName: string,
  requested?: FormatVariant | ImportFormat,
): DetectedFormat {
  if (requested && requested.length > 2) {
    const variant = requested as FormatVariant;
    return { family: familyOf(variant), variant, reason: 'chosen by the user' };
  }
  let detected: DetectedFormat | undefined;
  try {
    detected = detectFormat(head, fileName);
  } catch (error) {
    if (!requested || !(error instanceof HubFileError) || error.code !== 'UNKNOWN_FORMAT') throw error;
  }
  if (!requested || detected?.family === requested) return detected as DetectedFormat;
  const family = requested as ImportFormat;
  return { family, variant: DEFAULT_VARIANT[family], reason: 'chosen by the user' };
}

function contextFor(variant: FormatVariant, limits: HubLimits, options: ParseHubFileOptions): ParserContext {
  return {
    variant,
    hubId: options.hubId,
    tenantDomain: options.tenantDomain ?? SUPER_TENANT,
    includePrototyped: options.includePrototyped ?? false,
    limits,
    uptime: options.uptime ?? {},
    openApiLifecycleStatus: options.openApiLifecycleStatus,
  };
}

function aggregatorFor(ctx: ParserContext, options: ParseHubFileOptions): UsageAggregator {
  return new UsageAggregator({
    hubId: requireHub(ctx),
    granularity: options.granularity ?? 'day',
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
    keepLatencyHistogram: options.keepLatencyHistogram ?? false,
    extraLatencies: options.extraLatencies ?? false,
    source: ctx.variant,
  });
}

/** Counting, problem collection and record delivery for one parse. */
class ImportRun {
  private readonly counts = { rowsRead: 0, accepted: 0, rejected: 0, records: 0 };
  private readonly problems: RowProblem[] = [];
  private readonly records: HubRecord[] = [];
  private readonly maxProblems: number;
  private truncated = false;
  private layouts: string[] | undefined;
  private footprint: ParseResult['aggregation'];

  constructor(
    private readonly options: ParseHubFileOptions,
    private readonly aggregator: UsageAggregator | undefined,
  ) {
    this.maxProblems = options.maxProblems ?? 100;
  }

  private get ok(): boolean {
    return this.counts.rejected === 0 || this.options.skipBad === true;
  }

  async take(item: ParseItem): Promise<void> {
    switch (item.kind) {
      case 'row':
        this.counts.rowsRead += 1;
        this.counts.accepted += 1;
        for (const record of item.records) await this.deliver(record, { line: item.line });
        return;
      case 'events':
        this.counts.rowsRead += item.events.length;
        this.counts.accepted += item.events.length;
        if (this.ok) for (const event of item.events) this.aggregator?.add(event);
        return;
      case 'bad':
        this.counts.rowsRead += 1;
        this.counts.rejected += 1;
        this.keepProblems(item.problems);
        return;
      case 'archive':
        this.layouts = item.layouts;
        return;
    }
  }

  /** F5 buckets exist only once every event is read; they are delivered only if the import is ok. */
  async finish(): Promise<void> {
    if (!this.aggregator) return;
    this.footprint = this.aggregator.footprint();
    if (!this.ok) return;
    for (const bucket of this.aggregator.drain()) await this.deliver({ kind: 'usage', value: bucket }, {});
  }

  summary(): Omit<ParseResult, 'format' | 'fileName' | 'sha256' | 'bytes'> {
    return {
      ok: this.ok,
      counts: { ...this.counts, records: this.ok ? this.counts.records : 0 },
      problems: this.problems,
      problemsTruncated: this.truncated,
      records: this.ok ? this.records : [],
      archiveLayouts: this.layouts,
      aggregation: this.footprint,
    };
  }

  private keepProblems(problems: RowProblem[]): void {
    for (const problem of problems) {
      if (this.problems.length < this.maxProblems) this.problems.push(problem);
      else this.truncated = true;
    }
  }

  private async deliver(record: HubRecord, where: RecordLocation): Promise<void> {
    if (!this.ok) return;
    this.counts.records += 1;
    if (this.options.onRecord) await this.options.onRecord(record, where);
    else this.records.push(record);
  }
}
