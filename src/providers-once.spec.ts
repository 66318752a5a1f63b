import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Each provider class is declared by one module and reached elsewhere by importing that module
 * (issue 18): a class listed in two modules' `providers` is two instances, with two caches and
 * two views of state. Tokens bound with `provide:` (APP_INTERCEPTOR, configuration slices) are
 * not classes and are left out.
 */
const SRC = __dirname;

function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return moduleFiles(path);
    return entry.name.endsWith('.module.ts') ? [path] : [];
  });
}

/** The class names a module file lists in its `providers` arrays (not those inside `{ provide: … }`). */
export function providedClasses(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/providers:\s*\[([\s\S]*?)\n?\s*\],?\n/g)) {
    let depth = 0;
    let bare = '';
    for (const char of match[1]) {
      if (char === '{' || char === '(') depth++;
      else if (char === '}' || char === ')') depth--;
      else if (depth === 0) bare += char;
    }
    names.push(...(bare.match(/\b[A-Z][A-Za-z0-9]+\b/g) ?? []));
  }
  return names;
}

describe('providers', () => {
  it('reads class names and skips bound tokens', () => {
    const text = `@Module({\n  providers: [\n    Alpha,\n    { provide: TOKEN, useExisting: Beta },\n    Gamma,\n  ],\n})`;
    expect(providedClasses(text)).toEqual(['Alpha', 'Gamma']);
  });

  it('are each declared by one module', () => {
    const declaredBy = new Map<string, string[]>();
    for (const file of moduleFiles(SRC)) {
      for (const name of providedClasses(readFileSync(file, 'utf8'))) {
        declaredBy.set(name, [...(declaredBy.get(name) ?? []), relative(SRC, file)]);
      }
    }
    // The scan reads real modules (not vacuous): the evidence module declares its repository.
    expect(declaredBy.get('EvidenceRepository')).toEqual([join('evidence', 'evidence.module.ts')]);
    const twice = [...declaredBy].filter(([, files]) => new Set(files).size > 1);
    expect(Object.fromEntries(twice)).toEqual({});
  });
});
