import { DEFAULT_LANG, Lang } from '../i18n/i18n';
import { Message, msg, render } from '../i18n/message';

export type UploadRejectionCode = 'EMPTY' | 'TOO_LARGE' | 'TYPE_NOT_ALLOWED' | 'TYPE_MISMATCH' | 'ABORTED';

/** The HTTP status a controller answers with for each rejection. */
export const UPLOAD_REJECTION_STATUS: Readonly<Record<UploadRejectionCode, number>> = {
  EMPTY: 400,
  TOO_LARGE: 413,
  TYPE_NOT_ALLOWED: 415,
  TYPE_MISMATCH: 415,
  // Nobody reads the answer to an aborted request; 400 keeps it out of the 5xx logs.
  ABORTED: 400,
};

/** An uploaded file refused for a reason the user can act on; the message names the file. */
export class UploadRejectedError extends Error {
  constructor(
    /** The sanitised display name, safe to echo back. */
    readonly fileName: string,
    readonly code: UploadRejectionCode,
    /** The reason as a catalogue message; `message` is its Indonesian text. */
    readonly reason: Message,
  ) {
    super(render(DEFAULT_LANG, msg('msg.upload.rejected', { file: fileName, reason })));
    this.name = 'UploadRejectedError';
  }

  /** "file: reason" in the reader's language. */
  text(lang: Lang): string {
    return render(lang, msg('msg.upload.rejected', { file: this.fileName, reason: this.reason }));
  }

  get httpStatus(): number {
    return UPLOAD_REJECTION_STATUS[this.code];
  }
}
