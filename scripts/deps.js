#!/usr/bin/env node
/**
 * Checks the dependency rules of src/ (.dependency-cruiser.cjs) with dependency-cruiser and fails
 * on any violation not listed in .dependency-cruiser-known-violations.json (the cycles issue 18
 * has yet to break). dependency-cruiser's own --ignore-known leaves folder-level rules out, so
 * the comparison is made here. `node scripts/deps.js --write-known` writes the list anew (after
 * breaking cycles; it should only shrink).
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const knownFile = join(root, '.dependency-cruiser-known-violations.json');
const bin = join(root, 'node_modules', '.bin', 'depcruise');

const output = execFileSync(bin, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
  cwd: root,
  maxBuffer: 256 * 1024 * 1024,
  encoding: 'utf8',
});
const violations = JSON.parse(output).summary.violations.filter((v) => v.rule.severity === 'error');
/** A violation is known by its rule and the dependency that breaks it (not the whole cycle, whose path shifts). */
const key = (v) => `${v.rule.name}: ${v.from} → ${v.to}`;
const cycleOf = (v) => (v.cycle ?? []).map((c) => (typeof c === 'string' ? c : c.name));

if (process.argv.includes('--write-known')) {
  const list = [
    ...new Map(
      violations.map((v) => [key(v), { rule: v.rule.name, from: v.from, to: v.to, key: key(v) }]),
    ).values(),
  ];
  writeFileSync(knownFile, `${JSON.stringify(list, null, 2)}\n`);
  console.log(`${list.length} known violations written to .dependency-cruiser-known-violations.json`);
  process.exit(0);
}

const known = new Set(JSON.parse(readFileSync(knownFile, 'utf8')).map((v) => v.key));
const fresh = violations.filter((v) => !known.has(key(v)));
const folders = new Set(
  violations
    .filter((v) => v.rule.name === 'no-feature-cycles')
    .flatMap((v) => [v.from, v.to, ...cycleOf(v)])
    .map((path) => path.split('/')[1]),
);
console.log(
  `dependency rules: ${violations.length - fresh.length} known violations (${folders.size} feature folders in cycles), ${fresh.length} new`,
);
for (const v of fresh) console.log(`  ${key(v)}${v.cycle ? ` (cycle: ${cycleOf(v).join(' → ')})` : ''}`);
process.exit(fresh.length ? 1 : 0);
