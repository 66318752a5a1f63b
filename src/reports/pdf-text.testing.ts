import { spawn } from 'node:child_process';

/**
 * Test helper: the text of each page of a PDF, read back with pdf-parse. pdf-parse (pdf.js)
 * loads its worker with a dynamic import, which Jest's module sandbox cannot do on Node 20,
 * so it runs in a plain Node child process.
 */
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  const result = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify(result.pages.map((p) => p.text)));
});
`;

export function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], {
      cwd: process.cwd(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as string[]);
      else reject(new Error(`pdf-parse failed (${code}): ${err}`));
    });
    child.stdin.end(pdf);
  });
}
