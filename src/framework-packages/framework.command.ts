import { readFile } from 'node:fs/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AppContext } from '../cli/app-context';
import { CliLang, LANG_OPTION } from '../cli/cli-lang';
import { parsePackage, type PackageError } from '../framework/framework-package';
import { render } from '../i18n/message';
import {
  FrameworkPackagesService,
  PackageInvalidException,
  type FrameworkPackageView,
} from './framework-packages.service';

/** Exit status of a package that does not validate (as `score` and `index` use for bad input). */
const EXIT_INVALID = 2;

async function readPackageFile(lang: CliLang, file: string | undefined): Promise<string | undefined> {
  if (!file) {
    process.stderr.write(`${lang.say('cli.framework.file_required')}\n`);
    return undefined;
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    // The system's reason (ENOENT, EACCES...) is quoted as the system gives it.
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${lang.say('cli.framework.unreadable', { file, detail })}\n`);
    return undefined;
  }
}

/** Every problem of a package on its own line: the file, the JSON path, the words. */
function writeProblems(lang: CliLang, file: string, errors: readonly PackageError[]): void {
  for (const e of errors) process.stderr.write(`${file}: ${e.path}: ${render(lang.lang, e.problem)}\n`);
}

@SubCommand({
  name: 'validate',
  arguments: '<file>',
  description:
    'check a framework package file (YAML or JSON) against the package schema; every problem with its JSON path',
})
export class FrameworkValidateCommand extends CommandRunner {
  constructor(@Inject(CliLang) private readonly lang: CliLang) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    const text = await readPackageFile(this.lang, file);
    if (text === undefined) return void (process.exitCode = EXIT_INVALID);
    const parsed = parsePackage(text, file);
    if (!parsed.ok) {
      writeProblems(this.lang, file, parsed.errors);
      process.exitCode = EXIT_INVALID;
      return;
    }
    const { id, version } = parsed.pkg;
    process.stdout.write(
      `${this.lang.say('cli.framework.valid', { id, version, hash: parsed.hash.slice(0, 12) })}\n`,
    );
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: 'store a framework package in the database (a new version; a stored version never changes)',
})
export class FrameworkImportCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    const text = await readPackageFile(this.lang, file);
    if (text === undefined) return void (process.exitCode = EXIT_INVALID);
    await this.context.run(async (app) => {
      try {
        const { view, created } = await app.get(FrameworkPackagesService).import(text, null);
        const words = { id: view.id, version: view.version, hash: view.hash.slice(0, 12) };
        const key = created ? 'cli.framework.imported' : 'cli.framework.stored';
        process.stdout.write(`${this.lang.say(key, words)}\n`);
      } catch (error) {
        if (!(error instanceof PackageInvalidException)) throw error;
        writeProblems(this.lang, file, error.errors);
        process.exitCode = EXIT_INVALID;
      }
    });
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}

@SubCommand({
  name: 'list',
  description: 'the stored framework packages: id, version, name, provisional parts, periods using each',
})
export class FrameworkListCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(): Promise<void> {
    await this.context.run(async (app) => {
      for (const p of await app.get(FrameworkPackagesService).list()) process.stdout.write(this.describe(p));
    });
  }

  private describe(p: FrameworkPackageView): string {
    const say = (key: string, params?: Record<string, string>) => this.lang.say(key, params);
    const date = p.importedAt.slice(0, 10);
    const origin = p.shipped
      ? say('cli.framework.shipped')
      : p.importedBy
        ? say('cli.framework.imported_by', { date, user: p.importedBy })
        : say('cli.framework.imported_on', { date });
    const provisional = p.provisional.length
      ? say('cli.framework.provisional', { parts: p.provisional.join(', ') })
      : say('cli.framework.no_provisional');
    const periods = p.periods.length
      ? p.periods.map((x) => `${x.year} (${x.stage})`).join(', ')
      : say('cli.framework.no_periods');
    return (
      `${p.id} ${p.version}  ${p.title[this.lang.lang]}\n` +
      `  ${origin}; sha256 ${p.hash.slice(0, 12)}; ${provisional}\n` +
      `  ${say('cli.framework.sources', { sources: p.sources.map((s) => s.key).join(', ') })}\n` +
      `  ${say('cli.framework.periods', { periods })}\n`
    );
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}

@Command({
  name: 'framework',
  description: 'framework packages: validate, import, list',
  subCommands: [FrameworkValidateCommand, FrameworkImportCommand, FrameworkListCommand],
})
export class FrameworkCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
