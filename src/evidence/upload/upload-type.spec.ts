import { UploadRejectedError } from '../../web/upload-rejected.error';
import { detectAllowedType, extensionOf } from './upload-type';
import { DOCX, ELF, JAR, MZ, ODS, ODT, PDF, PNG, PPTX, XLSX, ZIP } from './upload.fixtures';

const JPEG = Buffer.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  ...Array(20).fill(0),
]);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([36, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(30),
]);

const detect = (data: Buffer, name: string, complete = true) => detectAllowedType(data, complete, name, name);

async function rejection(data: Buffer, name: string, complete = true): Promise<UploadRejectedError> {
  const error: unknown = await detect(data, name, complete).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UploadRejectedError)) throw new Error(`expected ${name} to be rejected`);
  return error;
}

describe('detectAllowedType', () => {
  it.each([
    { data: PDF, name: 'a.pdf', ext: 'pdf' },
    { data: PNG, name: 'a.PNG', ext: 'png' },
    { data: JPEG, name: 'a.jpeg', ext: 'jpg' },
    { data: JPEG, name: 'a.jpg', ext: 'jpg' },
    { data: WEBP, name: 'a.webp', ext: 'webp' },
    { data: DOCX, name: 'a.docx', ext: 'docx' },
    { data: XLSX, name: 'a.xlsx', ext: 'xlsx' },
    { data: PPTX, name: 'a.pptx', ext: 'pptx' },
    { data: ODT, name: 'a.odt', ext: 'odt' },
    { data: ODS, name: 'a.ods', ext: 'ods' },
    { data: ZIP, name: 'a.zip', ext: 'zip' },
    { data: Buffer.from('plain words\n'), name: 'a.txt', ext: 'txt' },
    { data: Buffer.from('\uFEFFa;b\n1;2\n'), name: 'a.csv', ext: 'csv' },
    { data: Buffer.from('  [1, 2]'), name: 'a.json', ext: 'json' },
    { data: Buffer.from('key: value\n'), name: 'a.yaml', ext: 'yaml' },
  ])('does accept $name as $ext when its content is that type', async ({ data, name, ext }) => {
    expect((await detect(data, name)).ext).toBe(ext);
  });

  it.each([
    { data: MZ, name: 'setup.pdf', code: 'TYPE_NOT_ALLOWED' },
    { data: ELF, name: 'run.txt', code: 'TYPE_NOT_ALLOWED' },
    { data: JAR, name: 'lib.zip', code: 'TYPE_NOT_ALLOWED' },
    { data: Buffer.from('<?xml version="1.0"?><a/>'), name: 'a.txt', code: 'TYPE_NOT_ALLOWED' },
    { data: Buffer.from('hi <script>alert(1)</script>'), name: 'a.yaml', code: 'TYPE_NOT_ALLOWED' },
    { data: Buffer.from('plain words'), name: 'a.html', code: 'TYPE_NOT_ALLOWED' },
    { data: Buffer.from('plain words'), name: 'README', code: 'TYPE_NOT_ALLOWED' },
    { data: DOCX, name: 'a.zip', code: 'TYPE_MISMATCH' },
    { data: ZIP, name: 'a.docx', code: 'TYPE_MISMATCH' },
    { data: PDF, name: 'a', code: 'TYPE_MISMATCH' },
    { data: Buffer.from('a,b'), name: 'a.png', code: 'TYPE_MISMATCH' },
  ])(
    'does refuse $name with $code when its content is not what the list allows',
    async ({ data, name, code }) => {
      expect((await rejection(data, name)).code).toBe(code);
    },
  );

  it('does judge a long JSON file by its first character when only the head is seen', async () => {
    expect((await detect(Buffer.from('{"a": [1, 2, '), 'big.json', false)).ext).toBe('json');
    expect((await rejection(Buffer.from('not json'), 'big.json', false)).code).toBe('TYPE_MISMATCH');
  });

  it('does accept text whose head ends inside a multi-byte character when more follows', async () => {
    const cut = Buffer.from('Notulen rapat – ').subarray(0, -2);
    expect((await detect(cut, 'a.txt', false)).ext).toBe('txt');
    expect((await rejection(cut, 'a.txt', true)).code).toBe('TYPE_NOT_ALLOWED');
  });

  it('does name the file and the allowed list when it refuses a type', async () => {
    const error = await rejection(MZ, 'setup.pdf');
    expect(error.message).toMatch(/^setup\.pdf: isinya EXE, yang tidak diizinkan \(yang diizinkan: PDF, PNG/);
    expect(error.text('en')).toMatch(
      /^setup\.pdf: its content is EXE, which is not allowed \(allowed: PDF, PNG/,
    );
    expect(error.httpStatus).toBe(415);
  });
});

describe('extensionOf', () => {
  it.each([
    ['report.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['C:\\dir.v2\\file', ''],
    ['noext', ''],
  ])('does read %j as %j', (name, ext) => {
    expect(extensionOf(name)).toBe(ext);
  });
});
