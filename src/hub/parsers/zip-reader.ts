import * as yauzl from 'yauzl';
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
        `${label} has too many entries (${budget.entries}, the limit is ${budget.limits.maxArchiveEntries})`,
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
    } catch (error) {
      throw new HubFileError(
        'INVALID_DOCUMENT',
        `${label} is a damaged zip archive: ${(error as Error).message}`,
      );
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
  } catch (error) {
    throw new HubFileError(
      'INVALID_DOCUMENT',
      `${label} is not a readable zip archive: ${(error as Error).message}`,
    );
  }
  throw new HubFileError(
    'MISSING_CONTEXT',
    'an archive must be imported from a file (zip needs random access)',
  );
}

function entryName(entry: yauzl.Entry): string {
  // strictFileNames: keep backslashes as written, so `..\\x` is refused rather than rewritten.
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

/** Why an entry name is unsafe, or undefined when it is a plain relative path. */
export function unsafeEntryName(name: string, maxSegments: number): string | undefined {
  if (name.length === 0) return 'an empty name';
  if (name.includes('\0')) return 'a NUL character';
  if (name.includes('\\')) return 'a backslash (Windows path separator)';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'an absolute path';
  const segments = name.split('/');
  if (segments.includes('..')) return 'a ".." segment (path traversal)';
  if (segments.length > maxSegments) return `more than ${maxSegments} directory levels`;
  return undefined;
}

function checkEntry(entry: yauzl.Entry, name: string, budget: ArchiveBudget, label: string): void {
  const { limits } = budget;
  const unsafe = unsafeEntryName(name, limits.maxEntryPathSegments);
  if (unsafe) {
    throw new HubFileError(
      'UNSAFE_ARCHIVE',
      `${label} was refused: entry ${JSON.stringify(name)} has ${unsafe}`,
      {
        entry: name,
      },
    );
  }
  budget.declaredBytes += entry.uncompressedSize;
  if (budget.declaredBytes > limits.maxArchiveUncompressedBytes) {
    throw new HubFileError(
      'ARCHIVE_LIMIT',
      `${label} unpacks to more than ${formatBytes(limits.maxArchiveUncompressedBytes)}, the limit for an import`,
      { entry: name },
    );
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
    throw new HubFileError(
      'UNSAFE_ARCHIVE',
      `${label} was refused as a zip bomb: entry ${JSON.stringify(name)} expands ${Math.round(ratio)} times ` +
        `(the limit is ${limits.maxCompressionRatio})`,
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
    throw new HubFileError('UNSUPPORTED_FORMAT', `entry ${name} is password-protected`, { entry: name });
  }
  if (entry.uncompressedSize > maxBytes) {
    throw new HubFileError(
      'TOO_LARGE',
      `entry ${name} is ${formatBytes(entry.uncompressedSize)}, over the limit`,
      {
        entry: name,
      },
    );
  }
  const chunks: Buffer[] = [];
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (error) {
    throw new HubFileError(
      'INVALID_DOCUMENT',
      `entry ${name} cannot be unpacked: ${(error as Error).message}`,
      {
        entry: name,
      },
    );
  }
  return Buffer.concat(chunks);
}
