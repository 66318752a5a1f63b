import { type Message, render } from '../../i18n/message';
import type { RowProblem } from './hub.types';

export type HubFileErrorCode =
  | 'UNKNOWN_FORMAT'
  | 'UNSUPPORTED_FORMAT'
  | 'TOO_LARGE'
  | 'INVALID_DOCUMENT'
  | 'UNSAFE_ARCHIVE'
  | 'ARCHIVE_LIMIT'
  | 'MISSING_CONTEXT';

/**
 * The whole file cannot be imported (unknown format, bad JSON, zip bomb...). Thrown rather than
 * reported as a row problem so that no caller can import part of such a file, even with skipBad.
 */
export class HubFileError extends Error {
  /**
   * `reason` is what a person reads, in their language when shown; `message` is its English
   * text, for logs.
   */
  constructor(
    readonly code: HubFileErrorCode,
    readonly reason: Message,
    readonly location: Omit<RowProblem, 'reason'> = {},
  ) {
    super(render('en', reason));
    this.name = 'HubFileError';
  }
}
