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

/**
 * Each table has one owning repository, the only one that writes it; other features call it (or
 * a port of it). Tables still written by more than one repository file, with those files: none
 * since the hub's tables got theirs, and it stays so (an entry that no longer holds fails the
 * test until it is removed).
 */
const SHARED_WRITES: Record<string, string[]> = {};

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

const WRITE = 'save|insert|update|delete|remove|upsert|increment|decrement|softDelete|restore';

/** Table by entity class, from `@Entity('table')` and the class that follows it. */
export function entityTables(texts: string[]): Map<string, string> {
  const tables = new Map<string, string>();
  for (const text of texts) {
    for (const m of text.matchAll(/@Entity\('(\w+)'\)[\s\S]*?export class (\w+)/g)) tables.set(m[2], m[1]);
  }
  return tables;
}

/**
 * The join tables TypeORM writes when it saves or removes an entity, by entity class: those of
 * its `@ManyToMany` relations with a `@JoinTable({ name })` that are not `persistence: false`.
 */
export function persistedJoinTables(texts: string[]): Map<string, string[]> {
  const joins = new Map<string, string[]>();
  for (const text of texts) {
    const classes = [...text.matchAll(/export class (\w+)/g)];
    for (const m of text.matchAll(/@ManyToMany\(([^@]*?)\)\s*@JoinTable\(\{\s*name:\s*'(\w+)'/g)) {
      if (/\bpersistence:\s*false\b/.test(m[1])) continue;
      const owner = classes.filter((c) => c.index < m.index).at(-1)?.[1];
      if (owner) joins.set(owner, [...(joins.get(owner) ?? []), m[2]]);
    }
  }
  return joins;
}

/** The TypeORM writes that also store an entity's relations (the others write its own table only). */
const WITH_RELATIONS = /^(?:save|remove)$/;

/**
 * The tables a repository file writes: SQL text (INSERT INTO, UPDATE … SET, DELETE FROM with a
 * literal table name) and TypeORM writes on an entity (through getRepository(Entity), a variable
 * or a member bound to it, the manager's save/insert/update/delete(Entity, …), a query builder's
 * into/update/from(Entity), or the entity an AgencyRepository subclass is for). A save or remove
 * writes the join tables of the entity's persisted many-to-many relations (`joins`) as well.
 */
export function writtenTables(
  text: string,
  tables: Map<string, string>,
  joins: Map<string, string[]> = new Map(),
): string[] {
  const body = code(text);
  const found = new Set<string>();
  const entity = (name: string | undefined, method?: string) => {
    const table = name === undefined ? undefined : tables.get(name);
    if (table) found.add(table);
    if (name !== undefined && method !== undefined && WITH_RELATIONS.test(method))
      for (const join of joins.get(name) ?? []) found.add(join);
  };
  for (const m of body.matchAll(/\b(?:INSERT\s+INTO|DELETE\s+FROM)\s+"?(\w+)"?/g)) found.add(m[1]);
  for (const m of body.matchAll(/\bUPDATE\s+"?(\w+)"?(?:\s+(?:AS\s+)?\w+)?\s+SET\b/g)) {
    if (m[1] !== 'SET') found.add(m[1]);
  }
  // A table named through a variable or a property (`UPDATE ${table} SET`, `DELETE FROM ${t.join}`)
  // is each literal the file binds to that name; one it binds none to is reported as `${name}`.
  const named = String.raw`\$\{(?:\w+\.)*(\w+)\}`;
  for (const m of body.matchAll(
    new RegExp(
      String.raw`\b(?:INSERT\s+INTO|DELETE\s+FROM)\s+${named}|\bUPDATE\s+${named}(?:\s+(?:AS\s+)?\w+)?\s+SET\b`,
      'g',
    ),
  )) {
    const name = m[1] ?? m[2];
    const bound = literalsBoundTo(body, name);
    for (const table of bound.length ? bound : [`\${${name}}`]) found.add(table);
  }
  for (const m of body.matchAll(new RegExp(`getRepository\\((\\w+)\\)\\s*\\.(${WRITE})\\(`, 'g')))
    entity(m[1], m[2]);
  for (const m of body.matchAll(new RegExp(`\\.(${WRITE})\\((\\w+)\\s*,`, 'g'))) entity(m[2], m[1]);
  for (const m of body.matchAll(/\.(?:into|from)\((\w+)\)|\.update\((\w+)\)\s*\.set\(/g))
    entity(m[1] ?? m[2]);
  // An AgencyRepository subclass saves its entity through the base class's save().
  for (const m of body.matchAll(/extends AgencyRepository<(\w+)>/g)) entity(m[1], 'save');
  // A name bound to an entity's repository: a variable (`const repo = m.getRepository(X)`) or a
  // member (`private repo(m) { return ….getRepository(X) }`); a write goes to the last binding before it.
  const bindings: { name: string; member: boolean; at: number; entity: string }[] = [];
  for (const m of body.matchAll(/\b(?:const|let)\s+(\w+)\s*=[^;]*?getRepository\((\w+)\)/g)) {
    bindings.push({ name: m[1], member: false, at: m.index, entity: m[2] });
  }
  for (const m of body.matchAll(
    /(?:get\s+)?(\w+)\([^)]*\)[^{;]*\{\s*return\s[^;]*?getRepository\((\w+)\)/g,
  )) {
    bindings.push({ name: m[1], member: true, at: 0, entity: m[2] });
  }
  for (const m of body.matchAll(new RegExp(`(this\\.)?\\b(\\w+)(?:\\([^)]*\\))?\\.(${WRITE})\\(`, 'g'))) {
    const member = m[1] !== undefined;
    const bound = bindings.filter((b) => b.name === m[2] && b.member === member && b.at <= m.index).at(-1);
    entity(bound?.entity, m[3]);
  }
  return [...found].sort();
}

/**
 * The string literals a file binds to a name: a type or a property (`table: 'a' | 'b'`,
 * `join: 'a'`), an assignment (`table = 'a'`) or a loop over a list (`table of ['a', 'b']`).
 * A name computed by a call (the backup's `ident(name)`, which restores every table) is not one.
 */
function literalsBoundTo(body: string, name: string): string[] {
  const lists = [
    ...body.matchAll(new RegExp(String.raw`\b${name}\??\s*[:=]\s*('\w+'(?:\s*\|\s*'\w+')*)`, 'g')),
    ...body.matchAll(new RegExp(String.raw`\b${name}\s+of\s+\[([^\]]*)\]`, 'g')),
  ];
  return [...new Set(lists.flatMap((m) => [...m[1].matchAll(/'(\w+)'/g)].map((l) => l[1])))];
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

  const sources = files(join(root, 'src')).filter((f) => f.endsWith('.ts'));
  const entityTexts = sources.filter((f) => f.endsWith('.entity.ts')).map((f) => readFileSync(f, 'utf8'));
  const tables = entityTables(entityTexts);
  const joins = persistedJoinTables(entityTexts);
  const writers = new Map<string, string[]>();
  for (const file of sources.filter((f) => f.endsWith('.repository.ts'))) {
    const path = relative(root, file).split('\\').join('/');
    for (const table of writtenTables(readFileSync(file, 'utf8'), tables, joins)) {
      writers.set(table, [...(writers.get(table) ?? []), path].sort());
    }
  }
  const shared = Object.fromEntries([...writers].filter(([, by]) => by.length > 1));

  it('finds each table written by one repository, beyond the known list', () => {
    const fresh = Object.entries(shared).filter(
      ([table, by]) => by.join(' ') !== (SHARED_WRITES[table] ?? []).join(' '),
    );
    expect(fresh.map(([table, by]) => `${table}: ${by.join(', ')}`)).toEqual([]);
  });

  it('drops a table from the known list once one repository writes it', () => {
    expect(Object.keys(SHARED_WRITES).filter((table) => !(table in shared))).toEqual([]);
  });

  it('finds each table a repository names through a variable among the literals bound to it', () => {
    expect([...writers].filter(([table]) => table.startsWith('$')).map(([t, by]) => `${t}: ${by}`)).toEqual(
      [],
    );
  });

  it('reads every join table of the entities, so a persisted many-to-many relation cannot hide', () => {
    const all = persistedJoinTables(entityTexts.map((t) => t.replace(/\bpersistence:\s*false\b/g, '')));
    const declared = entityTexts.flatMap((t) => [...t.matchAll(/@JoinTable\(/g)]);
    expect([...all.values()].flat()).toHaveLength(declared.length);
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

  it('recognises the tables a repository writes in SQL and through TypeORM, not those it reads', () => {
    const entities = entityTables(["@Entity('unit')\n@Index('x', ['a'])\nexport class Unit {}"]);
    const written = (text: string) => writtenTables(text, entities);
    expect(written("m.query('INSERT INTO audit_log (a) SELECT a FROM agency')")).toEqual(['audit_log']);
    expect(written('`UPDATE app_user u SET lang = $2 FROM period p`')).toEqual(['app_user']);
    expect(written('`DELETE FROM notification_digest_item d USING due`')).toEqual([
      'notification_digest_item',
    ]);
    expect(written('`INSERT INTO x (a) VALUES ($1) ON CONFLICT (a) DO UPDATE SET b = 1`')).toEqual(['x']);
    expect(written('`SELECT id FROM evidence WHERE id = $1 FOR UPDATE OF e`')).toEqual([]);
    expect(written('m.getRepository(Unit).insert(rows)')).toEqual(['unit']);
    expect(written('const repo = m.getRepository(Unit);\nawait repo.delete({ id });')).toEqual(['unit']);
    expect(
      written('private repo(m) { return m.getRepository(Unit); }\nsave(u) { return this.repo(m).save(u); }'),
    ).toEqual(['unit']);
    expect(written('await m.update(Unit, { id }, { name });')).toEqual(['unit']);
    expect(written('class UnitRepository extends AgencyRepository<Unit> {}')).toEqual(['unit']);
    expect(written('return this.repo(m).findOne({ where: { id } }); // m.getRepository(Unit)')).toEqual([]);
    expect(written('const repo = m.getRepository(Unit);\nreturn repo.find();')).toEqual([]);
    expect(
      written(
        "for (const table of ['hub_api', 'hub_application'])\n  m.query(`UPDATE ${table} h SET a = 1`);",
      ),
    ).toEqual(['hub_api', 'hub_application']);
    expect(
      written("link(table: 'hub_api' | 'x', id) { return m.query(`UPDATE ${table} SET a = $1`); }"),
    ).toEqual(['hub_api', 'x']);
    expect(
      written(
        "const LINKS = { a: { table: 'policy', join: 'policy_evidence' } };\n" +
          'm.query(`DELETE FROM ${t.join} WHERE evidence_id = $1`);\nm.query(`INSERT INTO ${t.join} (a) VALUES ($1)`);',
      ),
    ).toEqual(['policy_evidence']);
    expect(written('m.query(`INSERT INTO ${target} (a) VALUES ($1)`)')).toEqual(['${target}']);
    expect(
      written("const table = 'unit';\nm.query(`SELECT id FROM ${table} WHERE a = $1 FOR UPDATE`)"),
    ).toEqual([]);
  });

  it('counts the join tables of persisted many-to-many relations as written by a save or remove', () => {
    const entity = (relation: string) =>
      `@Entity('unit')\nexport class Unit {\n  @ManyToMany(() => Tag${relation})\n` +
      "  @JoinTable({\n    name: 'unit_tag',\n    joinColumn: { name: 'unit_id' },\n  })\n  tags?: Tag[];\n}";
    const texts = [entity(''), "@Entity('tag')\nexport class Tag {}"];
    const written = (text: string, joins = persistedJoinTables(texts)) =>
      writtenTables(text, entityTables(texts), joins);
    expect(persistedJoinTables(texts)).toEqual(new Map([['Unit', ['unit_tag']]]));
    expect(persistedJoinTables([entity(', { persistence: false }')])).toEqual(new Map());
    expect(written('m.getRepository(Unit).save(u)')).toEqual(['unit', 'unit_tag']);
    expect(written('await m.remove(Unit, u);')).toEqual(['unit', 'unit_tag']);
    expect(written('const repo = m.getRepository(Unit);\nawait repo.save(u);')).toEqual(['unit', 'unit_tag']);
    expect(written('class UnitRepository extends AgencyRepository<Unit> {}')).toEqual(['unit', 'unit_tag']);
    expect(written('m.getRepository(Unit).insert(rows)')).toEqual(['unit']);
    expect(written('await m.update(Unit, { id }, { name });')).toEqual(['unit']);
    expect(written('m.getRepository(Tag).save(t)')).toEqual(['tag']);
    expect(written('m.getRepository(Unit).save(u)', new Map())).toEqual(['unit']);
  });
});
