import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AppContext } from '../cli/app-context';
import { CliLang, LANG_OPTION } from '../cli/cli-lang';
import { msg, render } from '../i18n/message';
import { BackupError, BackupProgress, BackupService } from './backup.service';

/** Exit status of a refused backup or restore: a bad folder, a damaged backup, a non-empty target. */
const EXIT_REFUSED = 2;

/** Progress goes to stderr, so that stdout holds only the summary. */
const progressIn =
  (lang: CliLang): BackupProgress =>
  (step) =>
    process.stderr.write(`${render(lang.lang, step)}\n`);

/** Runs the work; a BackupError is a refusal told in the tool's language, with exit status 2. */
async function refusing(lang: CliLang, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    process.stderr.write(`${lang.say('cli.error', { problem: error.problem })}\n`);
    process.exitCode = EXIT_REFUSED;
  }
}

@Command({
  name: 'backup',
  description: 'write a consistent database dump and every evidence file, with a manifest of hashes',
})
export class BackupCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(_args: string[], options: { out?: string }): Promise<void> {
    const out = options.out;
    await refusing(this.lang, async () => {
      if (!out) throw new BackupError(msg('cli.backup.out_required'));
      const manifest = await this.context.run((app) =>
        app.get(BackupService).backup(out, progressIn(this.lang)),
      );
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      const counts = { dir: out, tables: manifest.tables.length, rows, files: manifest.files.length };
      process.stdout.write(`${this.lang.say('cli.backup.written', counts)}\n`);
    });
  }

  @Option({ flags: '--out <dir>', description: 'a new or empty folder' })
  parseOut(value: string): string {
    return value;
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}

@Command({
  name: 'restore',
  description: 'restore a backup folder into an empty instance (same app version), checking every hash',
})
export class RestoreCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(_args: string[], options: { from?: string }): Promise<void> {
    const from = options.from;
    await refusing(this.lang, async () => {
      if (!from) throw new BackupError(msg('cli.backup.from_required'));
      const manifest = await this.context.run((app) =>
        app.get(BackupService).restore(from, progressIn(this.lang)),
      );
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      const counts = { dir: from, rows, files: manifest.files.length };
      process.stdout.write(`${this.lang.say('cli.backup.restored', counts)}\n`);
    });
  }

  @Option({ flags: '--from <dir>', description: 'a folder written by the backup command' })
  parseFrom(value: string): string {
    return value;
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}
