import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Repositories own SQL (issue 18): outside repositories no file holds SQL text or TypeORM access
 * of its own, and a controller never reaches a repository. Exempt: the database layer itself
 * (`src/database/`: migrations, their runner, the version check), demo seeds and CLI commands.
 * The list of files that still held SQL is empty now and stays so: a file listed here that is
 * clean fails the test until it leaves the list.
 */
const KNOWN: Record<string, string> = {};

const root = join(__dirname, '..', '..');
const CODE = /\.query\(|getRepository\(|getTreeRepository\(|createQueryBuilder\(/;
const SQL_TEXT = /\b(SELECT\s+[\w*]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|FOR\s+UPDATE)\b/;
const REPOSITORY_IMPORT = /from '[^']*\.repository'/;

/** Files that may hold SQL: repositories, the database layer, demo seeds, CLI commands, tests. */
function exempt(file: string): boolean {
  return (
    /\.(repository|spec)\.ts$/.test(file) ||
    file.startsWith('src/database/') ||
    /^src\/demo\/.*\.seed\.ts$/.test(file) ||
    file.endsWith('.command.ts')
  );
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Comments may name SQL (they explain why); only code counts. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** What a service or controller does that belongs in a repository, or null when it is clean. */
export function misplacedAccess(path: string, text: string): 'sql' | 'repository' | null {
  const body = code(text);
  if (CODE.test(body) || SQL_TEXT.test(body)) return 'sql';
  // Importing a repository module for a type or a constant list is fine; injecting one is not.
  if (
    path.endsWith('.controller.ts') &&
    REPOSITORY_IMPORT.test(body) &&
    /@Inject\(\w+Repository\)/.test(body)
  )
    return 'repository';
  return null;
}

describe('repositories own SQL', () => {
  const found = new Map<string, string>();
  for (const file of files(join(root, 'src'))) {
    const path = relative(root, file).split('\\').join('/');
    if (!path.endsWith('.ts') || exempt(path)) continue;
    const problem = misplacedAccess(path, readFileSync(file, 'utf8'));
    if (problem) found.set(path, problem);
  }

  it('finds no SQL outside repositories and no repository in controllers beyond the known list', () => {
    const fresh = [...found].filter(([file]) => !(file in KNOWN)).map(([f, p]) => `${f} (${p})`);
    expect(fresh).toEqual([]);
  });

  it('drops a file from the known list once it is clean', () => {
    expect(Object.keys(KNOWN).filter((file) => !found.has(file))).toEqual([]);
  });

  it('exempts only repositories, the database layer, demo seeds and CLI commands', () => {
    expect(exempt('src/units/unit.repository.ts')).toBe(true);
    expect(exempt('src/database/migrations/1790000000000-x.ts')).toBe(true);
    expect(exempt('src/demo/demo.seed.ts')).toBe(true);
    expect(exempt('src/users/users.command.ts')).toBe(true);
    expect(exempt('src/agencies/agency-directory.ts')).toBe(false);
    expect(exempt('src/kernel/versions.ts')).toBe(false);
  });

  it('recognises SQL text, TypeORM access and injected repositories', () => {
    expect(misplacedAccess('a.service.ts', "m.query('SELECT 1')")).toBe('sql');
    expect(misplacedAccess('a.service.ts', 'const s = `DELETE FROM unit WHERE id = $1`;')).toBe('sql');
    expect(misplacedAccess('a.service.ts', 'm.getRepository(Unit).find()')).toBe('sql');
    expect(misplacedAccess('a.service.ts', '// SELECT is explained here\nconst x = 1;')).toBeNull();
    expect(
      misplacedAccess(
        'a.controller.ts',
        "import { UnitRepository } from './unit.repository';\n@Inject(UnitRepository) private readonly u: UnitRepository",
      ),
    ).toBe('repository');
  });
});
