import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AppContext } from '../cli/app-context';
import { BackupError, BackupService } from './backup.service';

const say = (message: string) => process.stderr.write(`${message}\n`);

@Command({
  name: 'backup',
  description: 'write a consistent database dump and every evidence file, with a manifest of hashes',
})
export class BackupCommand extends CommandRunner {
  constructor(@Inject(AppContext) private readonly context: AppContext) {
    super();
  }

  async run(_args: string[], options: { out?: string }): Promise<void> {
    if (!options.out) return fail('--out DIR is required');
    try {
      const manifest = await this.context.run((app) => app.get(BackupService).backup(options.out!, say));
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      process.stdout.write(
        `backup written to ${options.out}: ${manifest.tables.length} tables, ${rows} rows, ${manifest.files.length} files\n`,
      );
    } catch (error) {
      if (error instanceof BackupError) return fail(error.message);
      throw error;
    }
  }

  @Option({ flags: '--out <dir>', description: 'a new or empty folder' })
  parseOut(value: string): string {
    return value;
  }
}

@Command({
  name: 'restore',
  description: 'restore a backup folder into an empty instance (same app version), checking every hash',
})
export class RestoreCommand extends CommandRunner {
  constructor(@Inject(AppContext) private readonly context: AppContext) {
    super();
  }

  async run(_args: string[], options: { from?: string }): Promise<void> {
    if (!options.from) return fail('--from DIR is required');
    try {
      const manifest = await this.context.run((app) => app.get(BackupService).restore(options.from!, say));
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      process.stdout.write(`restored ${rows} rows and ${manifest.files.length} files from ${options.from}\n`);
    } catch (error) {
      if (error instanceof BackupError) return fail(error.message);
      throw error;
    }
  }

  @Option({ flags: '--from <dir>', description: 'a folder written by the backup command' })
  parseFrom(value: string): string {
    return value;
  }
}

function fail(message: string): void {
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = 2;
}
