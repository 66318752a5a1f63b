#!/usr/bin/env node
/**
 * Checks the dependency rules of src/ (.dependency-cruiser.cjs) with dependency-cruiser and fails
 * on any violation not listed in .dependency-cruiser-known-violations.json (accepted ones; empty
 * since issue 18), adding cycles between the folders of src/ with their subfolders folded in
 * (topLevelCycles). dependency-cruiser's own --ignore-known leaves folder-level rules out, so
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
const result = JSON.parse(output);
const violations = [
  ...result.summary.violations.filter((v) => v.rule.severity === 'error'),
  ...topLevelCycles(result.modules),
];
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
for (const v of fresh) {
  const why = v.cycle ? ` (cycle: ${cycleOf(v).join(' → ')})` : v.via ? ` (closes a cycle: ${v.via})` : '';
  console.log(`  ${key(v)}${why}`);
}
process.exit(fresh.length ? 1 : 0);

/**
 * dependency-cruiser's folder scope sees a subfolder (src/workflow/review) as a folder of its own,
 * so a cycle through a subfolder (evidence → workflow/review → evidence) escapes no-feature-cycles.
 * This folds every module into its folder under src/ and reports each import that closes a cycle
 * between those folders, in the same shape as the rule's violations.
 */
function topLevelCycles(modules) {
  const folderOf = (path) => (/^src\/[^/]+\//.test(path) ? path.split('/').slice(0, 2).join('/') : null);
  const edges = new Map();
  for (const m of modules) {
    const from = folderOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
    }
  }
  const reaches = (start, goal) => {
    const seen = new Set([start]);
    const todo = [start];
    while (todo.length) {
      for (const next of (edges.get(todo.pop()) ?? new Map()).keys()) {
        if (next === goal) return true;
        if (seen.has(next)) continue;
        seen.add(next);
        todo.push(next);
      }
    }
    return false;
  };
  const found = [];
  for (const [from, tos] of edges)
    for (const [to, via] of tos)
      if (reaches(to, from))
        found.push({ rule: { name: 'no-feature-cycles', severity: 'error' }, from, to, via });
  return found;
}
