import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { AppContext } from '../cli/app-context';
import { cliError, CliLang, LANG_OPTION } from '../cli/cli-lang';
import { migrationStatus, revertLastMigration, runPendingMigrations } from './migration-runner';
import { renderMigration } from './migration-template';

const MIGRATIONS_DIR = join(process.cwd(), 'src', 'database', 'migrations');

abstract class MigrationSubCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) protected readonly context: AppContext,
    @Inject(CliLang) protected readonly lang: CliLang,
  ) {
    super();
  }

  protected withDataSource<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    return this.context.run((app) => work(app.get<DataSource>(getDataSourceToken())), { migrate: false });
  }

  /** A line of the catalogue in the tool's language, on stdout. */
  protected say(key: string, params?: Record<string, string>): void {
    process.stdout.write(`${this.lang.say(key, params)}\n`);
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}

@SubCommand({ name: 'run', description: 'apply every pending migration (under an advisory lock)' })
export class MigrateRunCommand extends MigrationSubCommand {
  async run(): Promise<void> {
    const applied = await this.withDataSource(runPendingMigrations);
    if (applied.length) this.say('cli.migrate.applied', { names: applied.map((m) => m.name).join(', ') });
    else this.say('cli.migrate.none_pending');
  }
}

@SubCommand({ name: 'revert', description: 'undo the most recent migration' })
export class MigrateRevertCommand extends MigrationSubCommand {
  async run(): Promise<void> {
    await this.withDataSource(revertLastMigration);
    this.say('cli.migrate.reverted');
  }
}

@SubCommand({ name: 'show', description: 'list migrations and whether each is applied' })
export class MigrateShowCommand extends MigrationSubCommand {
  async run(): Promise<void> {
    const status = await this.withDataSource(migrationStatus);
    for (const m of status) process.stdout.write(`${m.applied ? '[X]' : '[ ]'} ${m.name}\n`);
  }
}

@SubCommand({
  name: 'generate',
  arguments: '<name>',
  description: 'write a migration from the difference between the entities and the migrated schema',
})
export class MigrateGenerateCommand extends MigrationSubCommand {
  async run([name]: string[]): Promise<void> {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name ?? '')) throw cliError('cli.migrate.name');
    const sql = await this.withDataSource(async (dataSource) => {
      await runPendingMigrations(dataSource);
      return dataSource.driver.createSchemaBuilder().log();
    });
    if (sql.upQueries.length === 0) {
      this.say('cli.migrate.no_changes');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const file = join(MIGRATIONS_DIR, `${timestamp}-${name}.ts`);
    writeFileSync(file, renderMigration(className, sql.upQueries, sql.downQueries));
    registerMigration(className, `${timestamp}-${name}`);
    this.say('cli.migrate.wrote', { file });
  }
}

/** Adds the new class to the ordered list in migrations/index.ts. */
function registerMigration(className: string, fileStem: string): void {
  const indexFile = join(MIGRATIONS_DIR, 'index.ts');
  if (!existsSync(indexFile)) throw cliError('cli.migrate.no_index', { file: indexFile });
  const source = readFileSync(indexFile, 'utf8');
  const withImport = source.replace(
    /(\/\*\*[\s\S]*?\*\/\n)/,
    (doc) => `import { ${className} } from './${fileStem}';\n${doc}`,
  );
  const updated = withImport.replace(/= \[([\s\S]*?)\];/, (_whole, items: string) => {
    const list = items.trim() ? `${items.trim().replace(/,$/, '')}, ${className}` : className;
    return `= [${list}];`;
  });
  writeFileSync(indexFile, updated);
}

@Command({
  name: 'migrate',
  description: 'database migrations: run, revert, show, generate <Name>',
  subCommands: [MigrateRunCommand, MigrateRevertCommand, MigrateShowCommand, MigrateGenerateCommand],
})
export class MigrateCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
