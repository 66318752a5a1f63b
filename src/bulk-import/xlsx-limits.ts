import * as yauzl from 'yauzl';
import { BadRequestException } from '@nestjs/common';
import { refuse } from '../i18n/refusal';
import { Message, msg } from '../i18n/message';

/**
 * Bounds an uploaded workbook before a spreadsheet library inflates it, as the hub importer
 * bounds its archives: few entries, a modest inflated total, no entry inflating more than 100
 * times its compressed size. Every entry is inflated once here, through yauzl, which stops at
 * the size the entry declares, so a zip that under-declares is caught too. Nothing is kept.
 */
export interface XlsxLimits {
  maxEntries: number;
  maxInflatedBytes: number;
  maxCompressionRatio: number;
  ratioCheckMinBytes: number;
}

export const XLSX_LIMITS: Readonly<XlsxLimits> = {
  maxEntries: 1_000,
  maxInflatedBytes: 60 * 1024 * 1024,
  maxCompressionRatio: 100,
  /** Small entries compress very well (empty styles); the ratio is judged above this size. */
  ratioCheckMinBytes: 256 * 1024,
};

const refused = (reason: Message) => refuse(BadRequestException, 'msg.import.workbook_refused', { reason });

export async function checkXlsxLimits(buffer: Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error || !file ? reject(refused(msg('msg.import.workbook.unreadable'))) : resolve(file),
    ),
  );
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw refused(msg('msg.import.workbook.parts', { count: zip.entryCount, limit: limits.maxEntries }));
  }
  let inflated = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const declared = entry.uncompressedSize;
      if (
        declared > limits.ratioCheckMinBytes &&
        declared / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio
      )
        throw refused(msg('msg.import.workbook.ratio', { limit: limits.maxCompressionRatio }));
      if (inflated + declared > limits.maxInflatedBytes)
        throw refused(msg('msg.import.workbook.inflated', { limit: limits.maxInflatedBytes / 1024 / 1024 }));
      inflated += await drain(zip, entry);
    }
  } catch (error) {
    if (error instanceof BadRequestException) throw error;
    throw refused(msg('msg.import.workbook.damaged'));
  } finally {
    zip.close();
  }
}

/** Inflates one entry, counting; yauzl fails the stream past the entry's declared size. */
async function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<number> {
  if (entry.fileName.endsWith('/')) return 0;
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (error, s) => (error || !s ? reject(error) : resolve(s))),
  );
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}
