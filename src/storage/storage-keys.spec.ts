import {
  assertStorageKey,
  contentDisposition,
  evidenceKey,
  isTempKey,
  sanitizeFileName,
  tempKey,
} from './storage-keys';
import { InvalidStorageKeyError } from './storage.driver';

describe('storage keys', () => {
  it('builds evidence keys from the agency, the UTC year and a fresh uuid', () => {
    const key = evidenceKey('7f9c0d1e-0000-4000-8000-000000000001', new Date('2024-12-31T23:30:00-02:00'));
    expect(key).toMatch(/^evidence\/7f9c0d1e-0000-4000-8000-000000000001\/2025\/[0-9a-f-]{36}$/);
  });

  it('builds a different temp key every time', () => {
    expect(tempKey()).toMatch(/^tmp\/[0-9a-f-]{36}$/);
    expect(tempKey()).not.toBe(tempKey());
    expect(isTempKey(tempKey())).toBe(true);
    expect(isTempKey(evidenceKey('12', new Date()))).toBe(false);
  });

  it.each(['../x', 'a/b', '', 'a b'])('refuses an agency id %j that could change the key shape', (id) => {
    expect(() => evidenceKey(id, new Date())).toThrow(InvalidStorageKeyError);
  });

  it.each(['../etc/passwd', 'a/../../b', '/abs', 'a//b', 'a/./b', 'a\\b', 'a/b/', 'ünï', 'a\0b', ''])(
    'refuses key %j when it is not made of plain segments',
    (key) => {
      expect(() => assertStorageKey(key)).toThrow(InvalidStorageKeyError);
    },
  );
});

describe('sanitizeFileName', () => {
  it.each([
    ['does strip folders when the name carries a Unix path', '/home/u/laporan.pdf', 'laporan.pdf'],
    ['does strip folders when the name carries a Windows path', 'C:\\Users\\u\\laporan.pdf', 'laporan.pdf'],
    ['does drop control characters', 'lap\u0000or\u0007an\n.pdf', 'laporan.pdf'],
    ['does drop bidi overrides that disguise the extension', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['does drop zero-width characters', 'nota\u200B\u200Ddinas.pdf', 'notadinas.pdf'],
    ['does drop reserved characters', 'a<b>c:d"e|f?g*h.pdf', 'abcdefgh.pdf'],
    ['does keep Unicode letters', 'Notulen Rapat – Januari 2024.pdf', 'Notulen Rapat – Januari 2024.pdf'],
    ['does keep non-Latin scripts', '報告書 رپورٹ.docx', '報告書 رپورٹ.docx'],
    ['does collapse whitespace', '  nota \t  dinas  .pdf ', 'nota dinas .pdf'],
    ['does strip leading dots that would hide the file', '...env', 'env'],
    ['does prefix Windows device names', 'CON.txt', '_CON.txt'],
    ['does fall back to "file" when nothing is left', '\u202E../..', 'file'],
    ['does fall back to "file" when the name is empty', '', 'file'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('does fall back to "file" when there is no name at all', () => {
    expect(sanitizeFileName(undefined)).toBe('file');
  });

  it('does cap the name at 200 characters and keep the extension when it is longer', () => {
    const name = sanitizeFileName(`${'é'.repeat(300)}.docx`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('é.docx')).toBe(true);
  });

  it('does not split a surrogate pair when it caps the length', () => {
    const name = sanitizeFileName('😀'.repeat(250));
    expect(Array.from(name)).toHaveLength(200);
    expect(name).toBe('😀'.repeat(200));
  });
});

describe('contentDisposition', () => {
  it('does give a plain filename when the name is ASCII', () => {
    expect(contentDisposition('laporan.pdf', 'attachment')).toBe(
      `attachment; filename="laporan.pdf"; filename*=UTF-8''laporan.pdf`,
    );
  });

  it('does give an ASCII fallback and an exact RFC 5987 name when the name is not ASCII', () => {
    expect(contentDisposition("Notulen – Ja'nuari (1).pdf", 'inline')).toBe(
      `inline; filename="Notulen _ Ja'nuari (1).pdf"; filename*=UTF-8''Notulen%20%E2%80%93%20Ja%27nuari%20%281%29.pdf`,
    );
  });

  it('does sanitise the name before it goes into the header', () => {
    expect(contentDisposition('../"a\r\nb%.pdf', 'attachment')).toBe(
      `attachment; filename="ab_.pdf"; filename*=UTF-8''ab%25.pdf`,
    );
  });
});
