import { type Message, msg } from '../../i18n/message';
import type { FieldProblem } from './field-reader';
import { HubFileError } from './hub-file.error';
import type { FormatVariant, HubRecord, RowProblem } from './hub.types';
import type { HubLimits } from './limits';
import type { UsageEvent } from './usage-event';

/**
 * The contract between the driver (parse-hub-file.ts) and the format parsers: a parser reads its
 * input once and yields, per source row, either the records it maps to or why it was rejected.
 * Analytics events are yielded raw so the driver can fold them into buckets while streaming.
 */
export type ParseItem =
  /** `line` is set by line-based formats, so a consumer can name the row of a record it refuses. */
  | { kind: 'row'; records: HubRecord[]; line?: number }
  | { kind: 'events'; events: UsageEvent[] }
  | { kind: 'bad'; problems: RowProblem[] }
  /** What an archive turned out to hold ('4.x', '3.x', 'application'). */
  | { kind: 'archive'; layouts: string[] };

export interface ParserInput {
  fileName: string;
  head: Buffer;
  body: AsyncIterable<Buffer>;
  path?: string;
  buffer?: Buffer;
}

/** UptimeRobot v2 answers do not repeat the periods asked for, so the importer states them. */
export interface UptimeOptions {
  /** The periods of `custom_uptime_ranges`, in request order. */
  ranges?: Array<{ start: Date; end: Date }>;
  /** The windows (days) of `custom_uptime_ratios`, in request order, ending at `exportedAt`. */
  ratioDays?: number[];
  /** When the JSON was fetched; ends ratio windows and the all-time period. */
  exportedAt?: Date;
}

export interface ParserContext {
  variant: FormatVariant;
  hubId?: string;
  tenantDomain: string;
  includePrototyped: boolean;
  limits: HubLimits;
  uptime: UptimeOptions;
  /** Lifecycle status stated on the upload form for OpenAPI documents (they carry none). */
  openApiLifecycleStatus?: string;
}

export type FormatParser = (input: ParserInput, ctx: ParserContext) => AsyncGenerator<ParseItem>;

/** The hub a file belongs to, for formats whose rows do not name one. */
export function requireHub(ctx: ParserContext): string {
  if (ctx.hubId) return ctx.hubId;
  throw new HubFileError('MISSING_CONTEXT', msg('msg.hubfile.chooseHub'));
}

export function bad(problems: FieldProblem[], where: Omit<RowProblem, 'reason' | 'path'> = {}): ParseItem {
  return { kind: 'bad', problems: problems.map((p) => ({ ...where, path: p.path, reason: p.reason })) };
}

export function badReason(reason: Message, where: Omit<RowProblem, 'reason'> = {}): ParseItem {
  return { kind: 'bad', problems: [{ ...where, reason }] };
}

export function row(...records: HubRecord[]): ParseItem {
  return { kind: 'row', records };
}
