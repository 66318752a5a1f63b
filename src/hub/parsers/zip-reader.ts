import * as yauzl from 'yauzl';
import { type Message, msg } from '../../i18n/message';
import { formatBytes } from './byte-source';
import { HubFileError } from './hub-file.error';
import type { HubLimits } from './limits';

/**
 * Safe, lazy iteration over a zip archive. Nothing is extracted to disk; entries are read into
 * memory only when asked, up to a cap. Limits are checked against the central directory before
 * anything is inflated: entry count, total declared size, per-entry compression ratio (a zip
 * bomb declares its size honestly or yauzl stops it at the declared size), name safety.
 */
export interface ZipEntryHandle {
  /** Validated name, relative, with `/` separators. */
  name: string;
  uncompressedSize: number;
  read(maxBytes: number): Promise<Buffer>;
}

/** Shared by an archive and the archives nested inside it. */
export interface ArchiveBudget {
  limits: HubLimits;
  entries: number;
  declaredBytes: number;
}

export async function* zipEntries(
  source: { path?: string; buffer?: Buffer },
  budget: ArchiveBudget,
  label: string,
): AsyncGenerator<ZipEntryHandle> {
  const zip = await openZip(source, label);
  try {
    budget.entries += zip.entryCount;
    if (budget.entries > budget.limits.maxArchiveEntries) {
      throw new HubFileError(
        'ARCHIVE_LIMIT',
        msg('msg.hubfile.archive.entries', {
          file: label,
          count: budget.entries,
          max: budget.limits.maxArchiveEntries,
        }),
      );
    }
    for await (const entry of readableEntries(zip, label)) {
      const name = entryName(entry);
      checkEntry(entry, name, budget, label);
      yield {
        name,
        uncompressedSize: entry.uncompressedSize,
        read: (max) => readEntry(zip, entry, name, max),
      };
    }
  } finally {
    zip.close();
  }
}

/** A damaged central directory shows only while walking it: it refuses the file as a whole. */
async function* readableEntries(zip: yauzl.ZipFile, label: string): AsyncGenerator<yauzl.Entry> {
  const entries = zip.eachEntry()[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<yauzl.Entry>;
    try {
      next = await entries.next();
    } catch {
      // yauzl's own words are English and name its internals: the reader gets the catalogue's.
      throw new HubFileError('INVALID_DOCUMENT', msg('msg.hubfile.archive.damaged', { file: label }));
    }
    if (next.done) return;
    yield next.value;
  }
}

async function openZip(source: { path?: string; buffer?: Buffer }, label: string): Promise<yauzl.ZipFile> {
  // decodeStrings off: names are decoded and checked below, with messages a user can act on.
  const options: yauzl.Options = {
    lazyEntries: true,
    decodeStrings: false,
    validateEntrySizes: true,
    autoClose: false,
  };
  try {
    if (source.buffer) return await yauzl.fromBufferPromise(source.buffer, options);
    if (source.path) return await yauzl.openPromise(source.path, options);
  } catch {
    throw new HubFileError('INVALID_DOCUMENT', msg('msg.hubfile.archive.unreadable', { file: label }));
  }
  throw new HubFileError('MISSING_CONTEXT', msg('msg.hubfile.archive.needsFile'));
}

function entryName(entry: yauzl.Entry): string {
  // strictFileNames: keep backslashes as written, so `..\\x` is refused rather than rewritten.
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

/** Why an entry name is unsafe, or undefined when it is a plain relative path. */
export function unsafeEntryName(name: string, maxSegments: number): Message | undefined {
  if (name.length === 0) return msg('msg.hubfile.archive.unsafe.empty');
  if (name.includes('\0')) return msg('msg.hubfile.archive.unsafe.nul');
  if (name.includes('\\')) return msg('msg.hubfile.archive.unsafe.backslash');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return msg('msg.hubfile.archive.unsafe.absolute');
  const segments = name.split('/');
  if (segments.includes('..')) return msg('msg.hubfile.archive.unsafe.dotdot');
  if (segments.length > maxSegments) return msg('msg.hubfile.archive.unsafe.depth', { max: maxSegments });
  return undefined;
}

function checkEntry(entry: yauzl.Entry, name: string, budget: ArchiveBudget, label: string): void {
  const { limits } = budget;
  const unsafe = unsafeEntryName(name, limits.maxEntryPathSegments);
  if (unsafe) {
    throw new HubFileError(
      'UNSAFE_ARCHIVE',
      msg('msg.hubfile.archive.unsafe', { file: label, entry: JSON.stringify(name), why: unsafe }),
      { entry: name },
    );
  }
  budget.declaredBytes += entry.uncompressedSize;
  if (budget.declaredBytes > limits.maxArchiveUncompressedBytes) {
    throw new HubFileError(
      'ARCHIVE_LIMIT',
      msg('msg.hubfile.archive.size', { file: label, max: formatBytes(limits.maxArchiveUncompressedBytes) }),
      { entry: name },
    );
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
    throw new HubFileError(
      'UNSAFE_ARCHIVE',
      msg('msg.hubfile.archive.bomb', {
        file: label,
        entry: JSON.stringify(name),
        ratio: Math.round(ratio),
        max: limits.maxCompressionRatio,
      }),
      { entry: name },
    );
  }
}

async function readEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  maxBytes: number,
): Promise<Buffer> {
  if (entry.isEncrypted()) {
    throw new HubFileError('UNSUPPORTED_FORMAT', msg('msg.hubfile.archive.encrypted', { entry: name }), {
      entry: name,
    });
  }
  if (entry.uncompressedSize > maxBytes) {
    throw new HubFileError(
      'TOO_LARGE',
      msg('msg.hubfile.archive.entrySize', { entry: name, size: formatBytes(entry.uncompressedSize) }),
      { entry: name },
    );
  }
  const chunks: Buffer[] = [];
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch {
    throw new HubFileError('INVALID_DOCUMENT', msg('msg.hubfile.archive.entryDamaged', { entry: name }), {
      entry: name,
    });
  }
  return Buffer.concat(chunks);
}
