import { crc32 } from 'node:zlib';

/** Small, real files of each kind for the upload tests (not used by the application). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const MZ = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  Buffer.alloc(200),
]);
export const ELF = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), Buffer.alloc(200)]);

interface ZipEntry {
  name: Buffer;
  data: Buffer;
  crc: number;
  offset: number;
}

/** A zip with stored (uncompressed) entries, enough for file-type and any unzip tool. */
export function zip(files: Record<string, string>): Buffer {
  const entries: ZipEntry[] = [];
  const locals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const entry = { name: Buffer.from(name), data: Buffer.from(text), crc: crc32(text), offset };
    const local = header(30, 0x04034b50, entry, 14);
    local.writeUInt16LE(20, 4);
    locals.push(local, entry.name, entry.data);
    offset += local.length + entry.name.length + entry.data.length;
    entries.push(entry);
  }
  const directory = Buffer.concat(entries.flatMap((entry) => [centralHeader(entry), entry.name]));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Signature, DOS date, CRC, sizes and name length, which local and central headers share. */
function header(length: number, signature: number, entry: ZipEntry, crcAt: number): Buffer {
  const out = Buffer.alloc(length);
  out.writeUInt32LE(signature, 0);
  out.writeUInt16LE(0x21, crcAt - 2);
  out.writeUInt32LE(entry.crc, crcAt);
  out.writeUInt32LE(entry.data.length, crcAt + 4);
  out.writeUInt32LE(entry.data.length, crcAt + 8);
  out.writeUInt16LE(entry.name.length, crcAt + 12);
  return out;
}

function centralHeader(entry: ZipEntry): Buffer {
  const out = header(46, 0x02014b50, entry, 16);
  out.writeUInt16LE(20, 4);
  out.writeUInt16LE(20, 6);
  out.writeUInt32LE(entry.offset, 42);
  return out;
}

/** A minimal Office Open XML package whose main part has the given content type. */
export function openXml(folder: string, mainContentType: string): Buffer {
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      `<Override PartName="/${folder}/main.xml" ContentType="${mainContentType}"/></Types>`,
    [`${folder}/main.xml`]: '<?xml version="1.0"?><main/>',
  });
}

/** A minimal OpenDocument package: the uncompressed `mimetype` entry comes first, as ODF requires. */
export function openDocument(mimeType: string): Buffer {
  return zip({ mimetype: mimeType, 'content.xml': '<?xml version="1.0"?><office:document-content/>' });
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
export const DOCX = openXml('word', `${OOXML}.wordprocessingml.document.main+xml`);
export const XLSX = openXml('xl', `${OOXML}.spreadsheetml.sheet.main+xml`);
export const PPTX = openXml('ppt', `${OOXML}.presentationml.presentation.main+xml`);
export const ODT = openDocument('application/vnd.oasis.opendocument.text');
export const ODS = openDocument('application/vnd.oasis.opendocument.spreadsheet');
export const ZIP = zip({ 'a.txt': 'a', 'b.txt': 'b' });
export const JAR = zip({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n' });
