'use strict';
/*
 * Renders PDF pages to PNG with poppler's pdftoppm, for a visual check of report layouts.
 *
 *   node scripts/render-pdf.js FILE.pdf [--out DIR] [--dpi 60]     (DIR defaults to $TMPDIR/spbe-render)
 *   node scripts/render-pdf.js --sample [--lang en] [--out DIR]
 *
 * --sample first writes the agency summary of a built-in report (45 units, 500 evidence files;
 * no database needed) to DIR/sample-summary.pdf. Prints the path of each page's PNG.
 */
const { spawnSync } = require('node:child_process');
const { createWriteStream, mkdirSync, readdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { finished } = require('node:stream/promises');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function writeSample(dir, lang) {
  require('./register-ts.js');
  const { renderAgencySummary } = require('../src/reports/agency-summary.pdf.ts');
  const { sampleReport } = require('../src/reports/report.fixtures.ts');
  const file = join(dir, 'sample-summary.pdf');
  const doc = renderAgencySummary(sampleReport({ lang }));
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.end();
  await finished(out);
  return file;
}

async function main() {
  const dir = resolve(option('--out', join(tmpdir(), 'spbe-render')));
  mkdirSync(dir, { recursive: true });
  const input = process.argv.includes('--sample')
    ? await writeSample(dir, option('--lang', 'id') === 'en' ? 'en' : 'id')
    : process.argv[2];
  if (!input || input.startsWith('--')) {
    throw new Error('usage: node scripts/render-pdf.js FILE.pdf | --sample [--out DIR] [--dpi N]');
  }
  const dpi = option('--dpi', '60');
  const rendered = spawnSync('pdftoppm', ['-png', '-r', dpi, input, join(dir, 'page')], { stdio: 'inherit' });
  if (rendered.error) {
    throw new Error(`pdftoppm is not available (apt-get install poppler-utils): ${rendered.error.message}`);
  }
  if (rendered.status !== 0) process.exit(rendered.status ?? 1);
  const pages = readdirSync(dir).filter((n) => n.startsWith('page') && n.endsWith('.png'));
  for (const name of pages.sort()) process.stdout.write(`${join(dir, name)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
