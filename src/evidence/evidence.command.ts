import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AppContext } from '../cli/app-context';
import { CliLang, LANG_OPTION } from '../cli/cli-lang';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { type CappedList, type VerifyReport, verifyStorage } from '../storage/storage-verify';
import { EvidenceRepository } from './evidence.repository';
import { PackageVerifyCommand } from './package-verify.command';

@SubCommand({
  name: 'verify',
  description:
    're-hash every stored evidence file; report missing, changed and orphaned files (--repair removes orphans)',
})
export class EvidenceVerifyCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(
    _args: string[],
    options: { repair?: boolean; json?: boolean; stopped?: boolean },
  ): Promise<void> {
    const report = await this.context.run(async (app) => {
      const config = app.get<AppConfig>(APP_CONFIG);
      return verifyStorage(app.get<StorageDriver>(STORAGE_DRIVER), app.get(EvidenceRepository).allFiles(), {
        now: new Date(),
        // With every app instance stopped nothing is in flight: fresh leftovers are orphans too.
        tempMaxAgeMs: options.stopped ? 0 : config.storage.tempMaxAgeMs,
        recentMs: options.stopped ? 0 : undefined,
        repair: options.repair ?? false,
      });
    });
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(this.describe(report, options.repair ?? false));
    if (report.missing.count || report.changed.count || report.orphaned.count > report.removed)
      process.exitCode = 1;
  }

  /** The report in the tool's language; each listed item stays the JSON the report holds. */
  private describe(report: VerifyReport, repaired: boolean): string {
    const list = (key: string, { count, items }: CappedList<unknown>) => [
      this.lang.say(key, { count }),
      ...items.map((item) => `  ${JSON.stringify(item)}`),
    ];
    const lines = [
      this.lang.say('cli.evidence.checked', { checked: report.checked, ok: report.ok }),
      ...list('cli.evidence.missing', report.missing),
      ...list('cli.evidence.changed', report.changed),
      ...list('cli.evidence.orphaned', report.orphaned),
    ];
    if (repaired) lines.push(this.lang.say('cli.evidence.removed', { count: report.removed }));
    return `${lines.join('\n')}\n`;
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }

  @Option({ flags: '--repair', description: 'delete orphaned objects (never missing or changed ones)' })
  parseRepair(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }

  @Option({
    flags: '--stopped',
    description: 'every app instance is stopped (after a crash): fresh leftovers count as orphans too',
  })
  parseStopped(): boolean {
    return true;
  }
}

@Command({
  name: 'evidence',
  description: 'evidence files: verify [--repair], verify-package FILE',
  subCommands: [EvidenceVerifyCommand, PackageVerifyCommand],
})
export class EvidenceCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
