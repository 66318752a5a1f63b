import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliLang, LANG_OPTION } from '../cli/cli-lang';
import {
  NOT_LISTED,
  PackageUnreadableError,
  type PackageVerification,
  verifyPackage,
} from './package-verify';

/** Needs no database: a package is checked against its own manifest, anywhere. */
@SubCommand({
  name: 'verify-package',
  arguments: '<file>',
  description:
    're-hash every file of an evidence package (ZIP) against its manifest; exits 1 on any mismatch, 2 if unreadable',
})
export class PackageVerifyCommand extends CommandRunner {
  constructor(@Inject(CliLang) private readonly lang: CliLang) {
    super();
  }

  async run([file]: string[], options: { json?: boolean }): Promise<void> {
    try {
      const result = await verifyPackage(file);
      if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(this.describe(file, result));
      if (!result.ok) process.exitCode = 1;
    } catch (error) {
      if (!(error instanceof PackageUnreadableError)) throw error;
      process.stderr.write(`${this.lang.say('cli.error', { problem: error.problem })}\n`);
      process.exitCode = 2;
    }
  }

  /** The result in the tool's language; paths and hashes as the package gives them. */
  private describe(file: string, r: PackageVerification): string {
    const say = this.lang.say.bind(this.lang);
    const hash = (value: string) => (value === NOT_LISTED ? say('cli.package.not_listed') : value);
    const lines = [
      say(r.ok ? 'cli.package.ok' : 'cli.package.failed', { file }),
      say('cli.package.checked', { count: r.checked }),
    ];
    for (const m of r.mismatches)
      lines.push(
        say('cli.package.mismatch', { path: m.path }),
        `  ${say('cli.package.expected', { hash: hash(m.expected) })}`,
        `  ${say('cli.package.actual', { hash: hash(m.actual) })}`,
      );
    for (const path of r.absent) lines.push(say('cli.package.absent', { path }));
    for (const path of r.unlisted) lines.push(say('cli.package.unlisted', { path }));
    for (const item of r.notPackaged) lines.push(say('cli.package.not_packaged', { item }));
    return `${lines.join('\n')}\n`;
  }

  @Option({ flags: '--json', description: 'print the result as JSON' })
  parseJson(): boolean {
    return true;
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}
