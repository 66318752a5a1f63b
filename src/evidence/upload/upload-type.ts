import { fileTypeFromBuffer } from 'file-type';
import { UploadRejectedError } from '../../web/upload-rejected.error';
import { Message, msg } from '../../i18n/message';

/** The type an upload was accepted as, decided from its content. */
export interface DetectedType {
  ext: string;
  mime: string;
}

interface AllowedType extends DetectedType {
  label: string;
  /** File name extensions this content may carry. */
  names: readonly string[];
}

const allowed = (ext: string, mime: string, label: string, names = [ext]): AllowedType => ({
  ext,
  mime,
  label,
  names,
});

/** Types recognised by their magic bytes, keyed by file-type's `ext`. */
const BY_MAGIC: Readonly<Record<string, AllowedType>> = {
  pdf: allowed('pdf', 'application/pdf', 'PDF'),
  png: allowed('png', 'image/png', 'PNG'),
  apng: allowed('png', 'image/png', 'PNG'),
  jpg: allowed('jpg', 'image/jpeg', 'JPEG', ['jpg', 'jpeg']),
  webp: allowed('webp', 'image/webp', 'WebP'),
  docx: allowed('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'DOCX'),
  xlsx: allowed('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'),
  pptx: allowed('pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PPTX'),
  odt: allowed('odt', 'application/vnd.oasis.opendocument.text', 'ODT'),
  ods: allowed('ods', 'application/vnd.oasis.opendocument.spreadsheet', 'ODS'),
  zip: allowed('zip', 'application/zip', 'ZIP'),
};

/** Plain-text types have no magic bytes: the file name decides among them. */
const TEXT_BY_NAME: Readonly<Record<string, AllowedType>> = {
  txt: allowed('txt', 'text/plain; charset=utf-8', 'TXT'),
  csv: allowed('csv', 'text/csv; charset=utf-8', 'CSV'),
  json: allowed('json', 'application/json', 'JSON'),
  yaml: allowed('yaml', 'application/yaml', 'YAML', ['yaml', 'yml']),
  yml: allowed('yaml', 'application/yaml', 'YAML', ['yaml', 'yml']),
};

export const ALLOWED_TYPES_LABEL =
  'PDF, PNG, JPEG, WebP, DOCX, XLSX, PPTX, ODT, ODS, ZIP, CSV, TXT, JSON, YAML';

/**
 * Markup a browser would render or run. Text declared as TXT/CSV/JSON/YAML that carries it in its
 * head is refused, so a stored file can never be served back as a page or a script.
 */
const MARKUP = /<\s*(?:!doctype\s+html|html|svg|script)\b/i;

/**
 * Decides from the first bytes of a file (and its name only to check the declared type) whether
 * it is one of the allowed types; throws UploadRejectedError otherwise. `complete` says the head
 * is the whole file.
 */
export async function detectAllowedType(
  head: Buffer,
  complete: boolean,
  originalName: string,
  displayName: string,
): Promise<DetectedType> {
  const reject = (code: 'TYPE_NOT_ALLOWED' | 'TYPE_MISMATCH', reason: Message) =>
    new UploadRejectedError(displayName, code, reason);
  const declared = extensionOf(originalName);
  const magic = await fileTypeFromBuffer(head).catch(() => undefined);
  if (magic) {
    const type = BY_MAGIC[magic.ext];
    if (!type)
      throw reject(
        'TYPE_NOT_ALLOWED',
        msg('msg.upload.content_not_allowed', {
          type: magic.ext.toUpperCase(),
          allowed: ALLOWED_TYPES_LABEL,
        }),
      );
    if (!type.names.includes(declared)) throw reject('TYPE_MISMATCH', mismatch(declared, type.label));
    return { ext: type.ext, mime: type.mime };
  }
  const text = decodeUtf8Head(head, complete);
  if (text === undefined)
    throw reject('TYPE_NOT_ALLOWED', msg('msg.upload.unknown_type', { allowed: ALLOWED_TYPES_LABEL }));
  if (MARKUP.test(text)) throw reject('TYPE_NOT_ALLOWED', msg('msg.upload.markup'));
  const type = TEXT_BY_NAME[declared];
  if (!type) {
    if (BY_MAGIC[declared]) throw reject('TYPE_MISMATCH', mismatch(declared, msg('msg.upload.plain_text')));
    throw reject('TYPE_NOT_ALLOWED', msg('msg.upload.text_names'));
  }
  if (type.ext === 'json' && !looksLikeJson(text, complete)) {
    throw reject('TYPE_MISMATCH', msg('msg.upload.not_json'));
  }
  return { ext: type.ext, mime: type.mime };
}

/** Lower-case extension of the last path segment, '' when there is none. */
export function extensionOf(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The head as text when it is valid UTF-8 with no NUL byte; a cut final character is allowed. */
function decodeUtf8Head(head: Buffer, complete: boolean): string | undefined {
  if (head.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    return undefined;
  }
}

/** A whole small file must parse; a longer one, whose head is all we see, must open like JSON. */
function looksLikeJson(text: string, complete: boolean): boolean {
  if (!complete) return /^\s*[[{]/.test(text);
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function mismatch(declared: string, actual: string | Message): Message {
  return declared
    ? msg('msg.upload.mismatch', { name: `.${declared}`, actual })
    : msg('msg.upload.mismatch_no_ext', { actual });
}
