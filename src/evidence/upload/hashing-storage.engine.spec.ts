import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { request as httpRequest, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import request from 'supertest';
import { LocalDiskDriver } from '../../storage/local-disk.driver';
import { StorageDriver } from '../../storage/storage.driver';
import { UploadedEvidenceFile } from './hashing-storage.engine';
import { UploadRejectedError } from '../../web/upload-rejected.error';
import { DOCX, ELF, MZ, PDF, PNG } from './upload.fixtures';
import { evidenceUploadOptions } from './upload.options';

type Multer = (options: object) => {
  array(field: string, maxCount?: number): RequestHandler;
};
// multer ships no types and @types/multer is not installed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as Multer;

interface Rejection {
  code: string;
  fileName: string;
  message: string;
}

/** An app wired like the evidence route: multer with the options of `evidenceUploadOptions`. */
function buildApp(driver: StorageDriver, maxFileBytes: number): express.Express {
  const app = express();
  const upload = multer(evidenceUploadOptions(driver, { maxFileBytes })).array('files', 10);
  app.post('/upload', upload, (req: Request & { files?: UploadedEvidenceFile[] }, res: Response) => {
    res.json({ files: req.files });
  });
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof UploadRejectedError) {
      res
        .status(error.httpStatus)
        .json({ code: error.code, fileName: error.fileName, message: error.message });
    } else {
      res.status(500).json({ code: 'INTERNAL', message: error.message });
    }
  });
  return app;
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('HashingStorageEngine through multer and Express', () => {
  let root: string;
  let driver: LocalDiskDriver;
  let app: express.Express;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'upload-engine-'));
    driver = new LocalDiskDriver(root);
    app = buildApp(driver, 64 * 1024);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const upload = (...files: [Buffer, string][]) => {
    let req = request(app).post('/upload').field('kind', 'policy_draft');
    for (const [data, name] of files) req = req.attach('files', data, name);
    return req;
  };

  it.each([
    { data: PDF, name: 'policy.pdf', ext: 'pdf', mime: 'application/pdf' },
    { data: PNG, name: 'screen.png', ext: 'png', mime: 'image/png' },
    {
      data: DOCX,
      name: 'sop.docx',
      ext: 'docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
    { data: Buffer.from('unit,apis\nA,3\n'), name: 'apis.csv', ext: 'csv', mime: 'text/csv; charset=utf-8' },
    { data: Buffer.from('{"apis": [1, 2]}'), name: 'apis.json', ext: 'json', mime: 'application/json' },
    { data: Buffer.from('apis:\n  - a\n'), name: 'apis.yml', ext: 'yaml', mime: 'application/yaml' },
  ])(
    'stores $name under a temp key with its hash and detected type $ext',
    async ({ data, name, ext, mime }) => {
      const res = await upload([data, name]).expect(200);
      const [file] = res.body.files as UploadedEvidenceFile[];
      expect(file).toMatchObject({
        detectedExt: ext,
        detectedMime: mime,
        size: data.length,
        sha256: sha256(data),
      });
      expect(file.tempKey).toMatch(/^tmp\/[0-9a-f-]{36}$/);
      expect(await readFile(join(root, file.tempKey))).toEqual(data);
    },
  );

  it('keeps the raw name and a sanitised display name when the name carries bidi controls', async () => {
    const res = await upload([PDF, 'lapor\u202Efdp.exe.pdf']).expect(200);
    const [file] = res.body.files as UploadedEvidenceFile[];
    expect(file.originalName).toBe('lapor\u202Efdp.exe.pdf');
    expect(file.displayName).toBe('laporfdp.exe.pdf');
  });

  it('stores every file when one request carries several', async () => {
    const res = await upload([PDF, 'a.pdf'], [PNG, 'b.png']).expect(200);
    expect((res.body.files as UploadedEvidenceFile[]).map((f) => f.detectedExt)).toEqual(['pdf', 'png']);
    expect(await filesUnder(root)).toHaveLength(2);
  });

  it.each([
    { what: 'an empty file', data: Buffer.alloc(0), name: 'empty.pdf', status: 400, code: 'EMPTY' },
    {
      what: 'an oversized file',
      data: Buffer.alloc(100 * 1024, 'a'),
      name: 'big.txt',
      status: 413,
      code: 'TOO_LARGE',
    },
    {
      what: 'a Windows executable named .pdf',
      data: MZ,
      name: 'laporan.pdf',
      status: 415,
      code: 'TYPE_NOT_ALLOWED',
    },
    {
      what: 'an ELF executable named .pdf',
      data: ELF,
      name: 'laporan.pdf',
      status: 415,
      code: 'TYPE_NOT_ALLOWED',
    },
    {
      what: 'HTML named .txt',
      data: Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'),
      name: 'notes.txt',
      status: 415,
      code: 'TYPE_NOT_ALLOWED',
    },
    {
      what: 'SVG named .csv',
      data: Buffer.from('<svg onload="alert(1)"></svg>'),
      name: 'data.csv',
      status: 415,
      code: 'TYPE_NOT_ALLOWED',
    },
    { what: 'a PNG named .pdf', data: PNG, name: 'scan.pdf', status: 415, code: 'TYPE_MISMATCH' },
    {
      what: 'text named .pdf',
      data: Buffer.from('hello'),
      name: 'memo.pdf',
      status: 415,
      code: 'TYPE_MISMATCH',
    },
    {
      what: 'text named .exe',
      data: Buffer.from('hello'),
      name: 'memo.exe',
      status: 415,
      code: 'TYPE_NOT_ALLOWED',
    },
    {
      what: 'broken JSON named .json',
      data: Buffer.from('{"a": '),
      name: 'data.json',
      status: 415,
      code: 'TYPE_MISMATCH',
    },
    {
      what: 'binary garbage named .txt',
      data: Buffer.from([0xff, 0xfe, 0, 1]),
      name: 'x.txt',
      status: 415,
      code: 'TYPE_NOT_ALLOWED',
    },
  ])(
    'answers $status $code naming the file and leaves no file when it is $what',
    async ({ data, name, status, code }) => {
      const res = await upload([data, name]).expect(status);
      expect(res.body as Rejection).toMatchObject({ code, fileName: name });
      expect((res.body as Rejection).message).toContain(name);
      expect(await filesUnder(root)).toEqual([]);
    },
  );

  it('removes the files already stored when a later file of the same request is refused', async () => {
    await upload([PDF, 'a.pdf'], [PNG, 'b.png'], [MZ, 'c.pdf']).expect(415);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('stops reading a file into storage once it crosses the limit', async () => {
    const res = await upload([Buffer.alloc(5 * 1024 * 1024, 'a'), 'huge.txt']).expect(413);
    expect((res.body as Rejection).message).toBe('huge.txt: ukurannya melebihi batas 64 KB per berkas');
    expect(await filesUnder(root)).toEqual([]);
  });

  describe('when a file is larger than the sniffed head', () => {
    beforeEach(() => {
      app = buildApp(driver, 8 * 1024 * 1024);
    });

    it('does store all of it with the hash of the whole content', async () => {
      const data = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, 'p')]);
      const [file] = (await upload([data, 'scan.pdf']).expect(200)).body.files as UploadedEvidenceFile[];
      expect(file).toMatchObject({ size: data.length, sha256: sha256(data), detectedExt: 'pdf' });
      expect(sha256(await readFile(join(root, file.tempKey)))).toBe(sha256(data));
    });

    it('does refuse a renamed executable from its head and leave no file', async () => {
      const data = Buffer.concat([MZ, Buffer.alloc(3 * 1024 * 1024, 1)]);
      await upload([data, 'scan.pdf']).expect(415);
      expect(await filesUnder(root)).toEqual([]);
    });

    it('does keep a UTF-8 file name intact when the client sends one', async () => {
      const [file] = (await upload([PDF, 'Notulen Rapat – Januari.pdf']).expect(200)).body
        .files as UploadedEvidenceFile[];
      expect(file.displayName).toBe('Notulen Rapat – Januari.pdf');
    });
  });

  describe('when the client goes away mid-upload', () => {
    let server: Server;

    beforeEach(async () => {
      app = buildApp(driver, 1024 * 1024 * 1024);
      server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
    });

    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('deletes the partly written temp object', async () => {
      const { port } = server.address() as AddressInfo;
      const boundary = 'abort-boundary';
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/upload',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(100 * 1024 * 1024),
        },
      });
      req.on('error', () => undefined);
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      );
      req.write(PDF);
      for (let i = 0; i < 32; i++) req.write(Buffer.alloc(64 * 1024, 'x'));
      // Abort only once the engine is demonstrably writing, so the cleanup path is what is tested.
      await waitFor(async () => (await filesUnder(root)).length > 0);
      req.destroy();
      await waitFor(async () => (await filesUnder(root)).length === 0);
      expect(await filesUnder(root)).toEqual([]);
    });
  });
});
