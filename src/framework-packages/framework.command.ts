import { readFile } from 'node:fs/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { AppContext } from '../cli/app-context';
import { parsePackage } from '../framework/framework-package';
import { FrameworkPackagesService, PackageInvalidException } from './framework-packages.service';

/** Exit status of a package that does not validate (as `score` and `index` use for bad input). */
const EXIT_INVALID = 2;

async function readPackageFile(file: string | undefined): Promise<string | undefined> {
  if (!file) {
    process.stderr.write('framework: FILE is required\n');
    return undefined;
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    process.stderr.write(
      `framework: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return undefined;
  }
}

@SubCommand({
  name: 'validate',
  arguments: '<file>',
  description:
    'check a framework package file (YAML or JSON) against the package schema; every problem with its JSON path',
})
export class FrameworkValidateCommand extends CommandRunner {
  async run([file]: string[]): Promise<void> {
    const text = await readPackageFile(file);
    if (text === undefined) return void (process.exitCode = EXIT_INVALID);
    const parsed = parsePackage(text, file);
    if (!parsed.ok) {
      for (const error of parsed.errors) process.stderr.write(`${file}: ${error.path}: ${error.message}\n`);
      process.exitCode = EXIT_INVALID;
      return;
    }
    process.stdout.write(`OK ${parsed.pkg.id} ${parsed.pkg.version} (sha256 ${parsed.hash.slice(0, 12)})\n`);
  }
}

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: 'store a framework package in the database (a new version; a stored version never changes)',
})
export class FrameworkImportCommand extends CommandRunner {
  constructor(@Inject(AppContext) private readonly context: AppContext) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    const text = await readPackageFile(file);
    if (text === undefined) return void (process.exitCode = EXIT_INVALID);
    await this.context.run(async (app) => {
      try {
        const { view, created } = await app.get(FrameworkPackagesService).import(text, null);
        process.stdout.write(
          `${created ? 'Imported' : 'Already stored'}: ${view.id} ${view.version} (sha256 ${view.hash.slice(0, 12)})\n`,
        );
      } catch (error) {
        if (!(error instanceof PackageInvalidException)) throw error;
        for (const e of error.errors) process.stderr.write(`${file}: ${e.path}: ${e.message}\n`);
        process.exitCode = EXIT_INVALID;
      }
    });
  }
}

@SubCommand({
  name: 'list',
  description: 'the stored framework packages: id, version, name, provisional parts, periods using each',
})
export class FrameworkListCommand extends CommandRunner {
  constructor(@Inject(AppContext) private readonly context: AppContext) {
    super();
  }

  async run(): Promise<void> {
    await this.context.run(async (app) => {
      for (const p of await app.get(FrameworkPackagesService).list()) {
        const origin = p.shipped
          ? 'shipped'
          : `imported ${p.importedAt.slice(0, 10)}${p.importedBy ? ` by ${p.importedBy}` : ''}`;
        const provisional = p.provisional.length
          ? `provisional: ${p.provisional.join(', ')}`
          : 'no provisional text';
        const periods = p.periods.length ? p.periods.map((x) => `${x.year} (${x.stage})`).join(', ') : 'none';
        process.stdout.write(
          `${p.id} ${p.version}  ${p.title.en}\n` +
            `  ${origin}; sha256 ${p.hash.slice(0, 12)}; ${provisional}\n` +
            `  sources: ${p.sources.map((s) => s.key).join(', ')}\n` +
            `  periods: ${periods}\n`,
        );
      }
    });
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
