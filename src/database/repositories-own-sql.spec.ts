import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Repositories own SQL (issue 18): outside repositories no file holds SQL text or TypeORM access
 * of its own, and a controller never reaches a repository. Exempt: the database layer itself
 * (`src/database/`: migrations, their runner, the version check), demo seeds and CLI commands.
 * The files below still hold SQL; the list only shrinks: a file that is clean again fails the
 * test until it leaves the list.
 */
const KNOWN: Record<string, string> = {
  // Owned by the unit-of-work work on evidence, workflow, levels, audit, changes, assessments.
  'src/assessments/assessments.service.ts': 'sql',
  'src/audit/audit.service.ts': 'sql',
  'src/changes/change-log.service.ts': 'sql',
  'src/evidence/evidence-files.service.ts': 'sql',
  'src/evidence/evidence.service.ts': 'sql',
  'src/workflow/comments/comments.service.ts': 'sql',
  'src/workflow/freeze/freeze.service.ts': 'sql',
  'src/workflow/notifications/notifications.service.ts': 'sql',
  'src/workflow/review/level-validation.service.ts': 'sql',
  'src/workflow/stages/stages.service.ts': 'sql',
  'src/evidence/evidence.pages.controller.ts': 'repository',
  // Not services or controllers, but SQL outside a repository all the same.
  'src/access/access.guard.ts': 'sql',
  'src/audit/audit-verify.ts': 'sql',
  'src/jobs/job-queue.ts': 'sql',
  'src/kernel/agency-repository.ts': 'sql',
  'src/kernel/ownership.ts': 'sql',
  'src/levels/facts.decode.ts': 'sql',
  'src/levels/hub-via-spl.ts': 'sql',
  'src/workflow-core/frozen-results.reader.ts': 'sql',
  'src/workflow-core/item-checks.ts': 'sql',
};

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
