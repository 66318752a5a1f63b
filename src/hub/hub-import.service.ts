import { createReadStream } from 'node:fs';
import { type Message, msg } from '../i18n/message';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { Actor } from '../access/actor';
import { AgencyWrite, UnitOfWork } from '../workflow-core/unit-of-work';
import { refuseUnitLimited } from '../kernel/ownership';
import { digestStream } from '../storage/stream-hash';
import { HubImportChannel, HubImportCounts } from './hub-import.entity';
import { HubImportsRepository, HubImportView, NewHubImport } from './hub-imports.repository';
import { HubContextRepository } from './hub-context.repository';
import { HubDerivationService } from './hub-derivation.service';
import { HubRecordWriter } from './hub-record.writer';
import { HubRecordsRepository } from './hub-records.repository';
import { HubRulesRepository } from './hub-rules.repository';
import {
  chooseFormat,
  DEFAULT_LIMITS,
  HubFileError,
  parseHubFile,
  type DetectedFormat,
  type FormatVariant,
  type HubInput,
  type ImportFormat,
  type ParseResult,
  type RowProblem,
  type UptimeOptions,
} from './parsers';

export const MAX_PROBLEMS = 100;

export interface HubImportOptions {
  fileName: string;
  format?: ImportFormat | FormatVariant;
  skipBad: boolean;
  channel: HubImportChannel;
  hubId?: string;
  uptime?: UptimeOptions;
  /** F3: the lifecycle status stated for OpenAPI documents (they carry none). */
  lifecycleStatus?: string;
  /** Bytes read so far and the file's size, for the CLI's progress bar. */
  onProgress?: (read: number, total: number) => void;
}

/**
 * created: the data is in; duplicate: the same bytes were imported before and nothing changed;
 * rejected: bad rows (nothing written unless skipBad) or a file that cannot be read at all.
 */
export type HubImportOutcome =
  | { status: 'created'; import: HubImportView }
  | { status: 'duplicate'; import: HubImportView; message: Message }
  | { status: 'rejected'; import: HubImportView | null; message: Message; problems: RowProblem[] };

/** What an import found: counts and problems (parser's and the writer's), ready for the record. */
interface Findings {
  counts: HubImportCounts;
  problems: RowProblem[];
  problemsTruncated: boolean;
}

/** Thrown inside the transaction to roll it back when a file has bad rows. */
class RowsRejected extends Error {
  constructor(
    readonly format: DetectedFormat,
    readonly findings: Findings,
  ) {
    super('rows rejected');
  }
}

/** The file being imported, as known before parsing. */
interface ImportFile {
  path: string;
  sha256: string;
  size: number;
  format: DetectedFormat;
  hub: HubChoice;
}

/**
 * One import path for the page, the push API and the CLI: the file is hashed (a re-import is
 * recognised before any work), parsed in one streaming pass whose records are written in
 * batches inside ONE transaction, then attribution, links, integrations and levels are derived
 * in the same transaction. A file with bad rows writes nothing unless skipBad is set.
 */
@Injectable()
export class HubImportService {
  constructor(
    @Inject(HubImportsRepository) private readonly imports: HubImportsRepository,
    @Inject(HubRecordsRepository) private readonly records: HubRecordsRepository,
    @Inject(HubRulesRepository) private readonly rules: HubRulesRepository,
    @Inject(HubContextRepository) private readonly context: HubContextRepository,
    @Inject(HubDerivationService) private readonly derivation: HubDerivationService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async import(
    actor: Actor | null,
    agencyId: string,
    path: string,
    options: HubImportOptions,
  ): Promise<HubImportOutcome> {
    // Hub data is agency-wide (rules, integrations): not for operators limited to some units.
    if (actor) refuseUnitLimited(actor, 'hub data');
    // One extra read of the file, so that a re-import costs no parsing and no transaction.
    const { sha256, size } = await digestStream(createReadStream(path));
    const earlier = await this.imports.findImported(agencyId, sha256);
    if (earlier) return duplicate(earlier);
    const hub = await this.context.hubFor(agencyId, options.hubId);
    let format: DetectedFormat;
    try {
      format = chooseFormat(await readHead(path), options.fileName, options.format);
    } catch (error) {
      return this.refuse(actor, agencyId, { path, sha256, size, hub }, options, null, error);
    }
    const file: ImportFile = { path, sha256, size, format, hub };
    try {
      const id = await this.uow.write(actor, agencyId, (w) => this.run(w, file, options));
      return { status: 'created', import: (await this.imports.findById(agencyId, id))! };
    } catch (error) {
      if (error instanceof RowsRejected) return this.reject(actor, agencyId, file, options, error);
      if (error instanceof HubFileError) return this.refuse(actor, agencyId, file, options, format, error);
      const other = isUniqueViolation(error) ? await this.imports.findImported(agencyId, sha256) : null;
      if (other) return duplicate(other);
      throw error;
    }
  }

  private async run(w: AgencyWrite, file: ImportFile, options: HubImportOptions): Promise<string> {
    const { m, actor, agencyId } = w;
    // Hub data feeds the levels like any agency data: refused while the agency's data is locked.
    await w.agencyData();
    const importId = await this.imports.insert(
      m,
      importRow(agencyId, actor, file, file.format, options, 'imported'),
    );
    const findings = await this.parse(m, actor, agencyId, importId, file, options);
    await this.imports.finish(m, importId, findings);
    await this.derivation.refresh(w);
    await w.audit({
      action: 'hub.import',
      actorName: actor?.username ?? 'cli',
      subjectType: 'hub_import',
      subjectId: importId,
      detail: {
        fileName: options.fileName,
        sha256: file.sha256,
        format: file.format.variant,
        counts: findings.counts,
      },
    });
    return importId;
  }

  /** Streams the file through the parser into the writer; throws RowsRejected to roll back. */
  private async parse(
    m: EntityManager,
    actor: Actor | null,
    agencyId: string,
    importId: string,
    file: ImportFile,
    options: HubImportOptions,
  ): Promise<Findings> {
    const units = await this.context.unitCodes(m, agencyId);
    const writer = new HubRecordWriter(
      m,
      this.records,
      this.rules,
      { agencyId, importId },
      units,
      actor?.userId ?? null,
    );
    const result = await parseHubFile(inputOf(file, options), {
      format: file.format.variant,
      skipBad: options.skipBad,
      maxProblems: MAX_PROBLEMS,
      hubId: file.hub.hubId,
      tenantDomain: file.hub.tenantDomain,
      granularity: 'day',
      keepLatencyHistogram: true,
      extraLatencies: true,
      uptime: options.uptime,
      openApiLifecycleStatus: options.lifecycleStatus?.toUpperCase(),
      onRecord: (record, where) => writer.take(record, where),
    });
    await writer.finish();
    options.onProgress?.(file.size, file.size);
    const findings = combine(result, writer.problems);
    if (!result.ok || (writer.problems.length > 0 && !options.skipBad))
      throw new RowsRejected(result.format, findings);
    return findings;
  }

  /**
   * A file that cannot be read at all (unknown format, invalid document, over a limit) is kept
   * in the history too, with its reason, so the history lists every attempt.
   */
  private async refuse(
    actor: Actor | null,
    agencyId: string,
    file: Omit<ImportFile, 'format'>,
    options: HubImportOptions,
    format: DetectedFormat | null,
    error: unknown,
  ): Promise<HubImportOutcome> {
    const outcome = fileError(error);
    if (outcome.status !== 'rejected') return outcome;
    const row: NewHubImport = {
      ...importRow(
        agencyId,
        actor,
        { ...file, format: format ?? UNKNOWN },
        format ?? UNKNOWN,
        options,
        'rejected',
      ),
      ...(format ? {} : { format: null, variant: null }),
      problems: outcome.problems,
    };
    const id = await this.imports.transaction((m) => this.imports.insert(m, row));
    return { ...outcome, import: await this.imports.findById(agencyId, id) };
  }

  /** Keeps the rejected attempt as provenance (cheap: one row) and reports its problems. */
  private async reject(
    actor: Actor | null,
    agencyId: string,
    file: ImportFile,
    options: HubImportOptions,
    error: RowsRejected,
  ): Promise<HubImportOutcome> {
    const row = { ...importRow(agencyId, actor, file, error.format, options, 'rejected'), ...error.findings };
    const id = await this.imports.transaction((m) => this.imports.insert(m, row));
    const message = msg('msg.hubimport.rejected', {
      file: options.fileName,
      count: error.findings.counts.rejected,
    });
    return {
      status: 'rejected',
      import: await this.imports.findById(agencyId, id),
      message,
      problems: error.findings.problems,
    };
  }
}

/** Stand-in while building the row of a file whose format was never known (both fields unset). */
const UNKNOWN: DetectedFormat = { family: 'F1', variant: 'F1-list', reason: '' };

function importRow(
  agencyId: string,
  actor: Actor | null,
  file: ImportFile,
  format: DetectedFormat,
  options: HubImportOptions,
  status: 'imported' | 'rejected',
): NewHubImport {
  return {
    agencyId,
    fileName: options.fileName,
    sha256: file.sha256,
    bytes: file.size,
    format: format.family,
    variant: format.variant,
    hubId: file.hub.hubId ?? null,
    skipBad: options.skipBad,
    channel: options.channel,
    importedBy: actor?.userId ?? null,
    counts: { rowsRead: 0, accepted: 0, rejected: 0, records: 0 },
    problems: [],
    problemsTruncated: false,
    status,
  };
}

export interface HubChoice {
  hubId?: string;
  tenantDomain?: string;
}

/** Parser problems and the writer's (rows the agency's data refuses), in file order, capped. */
function combine(result: ParseResult, refused: RowProblem[]): Findings {
  const all = [...result.problems, ...refused].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const counts: HubImportCounts = {
    ...result.counts,
    accepted: result.counts.accepted - refused.length,
    rejected: result.counts.rejected + refused.length,
  };
  return {
    counts,
    problems: all.slice(0, MAX_PROBLEMS),
    problemsTruncated: result.problemsTruncated || all.length > MAX_PROBLEMS,
  };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(DEFAULT_LIMITS.headBytes);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A zip needs random access (a path); other files stream, counting bytes for a progress bar. */
function inputOf(file: ImportFile, options: HubImportOptions): HubInput {
  const { path, size } = file;
  const onProgress = options.onProgress;
  if (!onProgress || file.format.variant === 'F2-zip') return { path, fileName: options.fileName };
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      onProgress(read, size);
      done(null, chunk);
    },
  });
  const source = createReadStream(path);
  source.on('error', (error) => counter.destroy(error));
  return { stream: source.pipe(counter), fileName: options.fileName };
}

function duplicate(earlier: HubImportView): HubImportOutcome {
  const who = earlier.importedByName ?? earlier.channel;
  const when = earlier.importedAt.slice(0, 16).replace('T', ' ');
  return {
    status: 'duplicate',
    import: earlier,
    message: msg('msg.hubimport.duplicate', { file: earlier.fileName, when, who }),
  };
}

function fileError(error: unknown): HubImportOutcome {
  if (!(error instanceof HubFileError)) throw error;
  return {
    status: 'rejected',
    import: null,
    message: msg('msg.hubimport.unreadable'),
    problems: [{ ...error.location, reason: error.reason }],
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}
