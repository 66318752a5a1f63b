import { UnsupportedMediaTypeException } from '@nestjs/common';
import { refuse } from '../i18n/refusal';
/** A package file is small text; anything larger than this is not one. */
export const PACKAGE_MAX_BYTES = 1_000_000;

/** No storage engine: multer keeps the file in memory (this module registers no MulterModule). */
export const PACKAGE_UPLOAD_OPTIONS = { limits: { fileSize: PACKAGE_MAX_BYTES, files: 1 } };

export interface PackageUpload {
  readonly buffer: Buffer;
  readonly originalname: string;
}

/** The package text of a request: the uploaded file, or a `content` field (the JSON API). */
export function packageText(
  upload: PackageUpload | undefined,
  body: Record<string, unknown>,
): string | undefined {
  if (upload) {
    // A package is YAML or JSON text; a NUL byte means a binary file (a PDF, a spreadsheet...).
    if (upload.buffer.includes(0)) throw refuse(UnsupportedMediaTypeException, 'msg.frameworks.not_text');
    return upload.buffer.toString('utf8').replace(/^\uFEFF/, '');
  }
  return typeof body.content === 'string' && body.content.trim() !== '' ? body.content : undefined;
}
