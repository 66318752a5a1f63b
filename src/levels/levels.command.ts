import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { AppContext } from '../cli/app-context';
import { cliError, CliLang, LANG_OPTION } from '../cli/cli-lang';
import { Period } from '../periods/period.entity';
import { NationalRecompute } from './national-recompute';

@SubCommand({
  name: 'recompute',
  description:
    "store every agency's levels again where they are not current (after a new engine or framework " +
    'version, or data changed outside the app); every period that is not final, or --year',
})
export class LevelsRecomputeCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(_args: string[], options: { year?: number }): Promise<void> {
    await this.context.run(async (app) => {
      const ds = app.get(DataSource);
      const levels = app.get(NationalRecompute);
      const agencyIds = ((await ds.query('SELECT id FROM agency ORDER BY id')) as { id: string }[]).map(
        (r) => r.id,
      );
      const periods = (await ds.getRepository(Period).find({ order: { year: 'ASC' } })).filter((p) =>
        options.year ? p.year === options.year : p.stage !== 'final',
      );
      if (options.year && !periods.length) throw cliError('cli.levels.no_period', { year: options.year });
      // Its snapshot is the one taken when it became final (freezing reads it): never replaced.
      if (periods.some((p) => p.stage === 'final'))
        throw cliError('cli.levels.final', { year: options.year ?? '' });
      for (const period of periods) {
        const started = performance.now();
        // Without a transaction: reading, scoring (in a worker thread) and storing overlap.
        const stored = await levels.recompute(agencyIds, undefined, period);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const counts = { agencies: agencyIds.length, stored, current: agencyIds.length - stored, seconds };
        process.stdout.write(`${period.year}: ${this.lang.say('cli.levels.done', counts)}\n`);
      }
      if (!periods.length) process.stdout.write(`${this.lang.say('cli.levels.none')}\n`);
    });
  }

  @Option({ flags: '--year <year>', description: 'only this period (not a final one)' })
  parseYear(value: string): number {
    const year = Number(value);
    if (!Number.isInteger(year)) throw cliError('cli.levels.not_year', { value });
    return year;
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}

@Command({ name: 'levels', description: 'stored levels: recompute', subCommands: [LevelsRecomputeCommand] })
export class LevelsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
