import type { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { Response } from 'express';
import { contentDisposition } from '../storage/storage-keys';

/** A generated file: its name and type, and how to write it to a stream. */
export interface ReportFile {
  fileName: string;
  contentType: string;
  write(out: Writable, signal: AbortSignal): Promise<void>;
}

export const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
} as const;

/** "spbe-kab-x-2026-ringkasan.pdf": only characters that are safe in every file system. */
export function reportFileName(...parts: (string | number)[]): string {
  return parts
    .map((p) =>
      String(p)
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
}

const logger = new Logger('Reports');

/**
 * Sends a report as a download, streamed as it is written. Everything that can fail with a
 * proper error answer (not found, bad input) has happened before this; a failure after the
 * headers went out can only cut the download short, which the client sees as incomplete.
 */
export async function sendReport(res: Response, file: ReportFile): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', contentDisposition(file.fileName, 'attachment'));
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the client went away'));
  });
  try {
    await file.write(res, controller.signal);
  } catch (error) {
    if (!controller.signal.aborted) logger.error(error instanceof Error ? error.stack : error);
    res.destroy();
  }
}
