import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { AppContext } from '../cli/app-context';
import { Period } from '../periods/period.entity';
import { NationalRecompute } from './national-recompute';

@SubCommand({
  name: 'recompute',
  description:
    "store every agency's levels again where they are not current (after a new engine or framework " +
    'version, or data changed outside the app); every period that is not final, or --year',
})
export class LevelsRecomputeCommand extends CommandRunner {
  constructor(@Inject(AppContext) private readonly context: AppContext) {
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
      if (options.year && !periods.length)
        throw new Error(`--year: no evaluation period for ${options.year}.`);
      // Its snapshot is the one taken when it became final (freezing reads it): never replaced.
      if (periods.some((p) => p.stage === 'final'))
        throw new Error(`--year: ${options.year} is final; its levels are those of the move to final.`);
      for (const period of periods) {
        const started = performance.now();
        // Without a transaction: reading, scoring (in a worker thread) and storing overlap.
        const stored = await levels.recompute(agencyIds, undefined, period);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `${period.year}: ${agencyIds.length} agencies, ${stored} stored again, ` +
            `${agencyIds.length - stored} already current (${seconds} s)\n`,
        );
      }
      if (!periods.length) process.stdout.write('No period that is not final: nothing to recompute.\n');
    });
  }

  @Option({ flags: '--year <year>', description: 'only this period (not a final one)' })
  parseYear(value: string): number {
    const year = Number(value);
    if (!Number.isInteger(year)) throw new Error(`--year: "${value}" is not a year.`);
    return year;
  }
}

@Command({ name: 'levels', description: 'stored levels: recompute', subCommands: [LevelsRecomputeCommand] })
export class LevelsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
