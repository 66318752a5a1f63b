'use strict';
/*
 * Lets `node -r ./scripts/register-ts.js src/x.ts` run TypeScript sources directly, transpiled
 * by swc with the project's .swcrc (no type check; `npm run typecheck` does that).
 *
 * Each transpiled file is kept in .data/ts-cache under the hash of its path, its source and the
 * compiler settings, so a process started again (every CLI and app spawn of the tests) reads the
 * JavaScript instead of transpiling the whole app anew. An edited file gets a new hash; a cache
 * that cannot be written (read-only checkout) only costs the transpile.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync, version } = require('@swc/core');

const ROOT = path.join(__dirname, '..');
const CACHE_DIR = path.join(ROOT, '.data', 'ts-cache');
const swcrc = JSON.parse(fs.readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const options = { ...swcrc, swcrc: false, sourceMaps: 'inline' };
const settingsKey = `${version}\0${JSON.stringify(options)}\0cache-v1`;
let cacheReady = false;

function cachePath(filename, source) {
  const key = createHash('sha256').update(settingsKey).update(filename).update('\0').update(source);
  return path.join(CACHE_DIR, `${key.digest('hex').slice(0, 40)}.js`);
}

function store(file, code) {
  try {
    if (!cacheReady) fs.mkdirSync(CACHE_DIR, { recursive: true });
    cacheReady = true;
    // Written aside and renamed: a process reading at the same time sees all of it or nothing.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
  } catch {
    // Not cached: the next start transpiles this file again.
  }
}

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const file = cachePath(filename, source);
  let code;
  try {
    code = fs.readFileSync(file, 'utf8');
  } catch {
    code = transformSync(source, { ...options, filename }).code;
    store(file, code);
  }
  module._compile(code, filename);
};
