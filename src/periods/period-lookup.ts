import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Period } from './period.entity';
import { PeriodRepository } from './period.repository';
import { refuse } from '../i18n/refusal';

/** Finding a period: by its year, or the one pages show by default. */
@Injectable()
export class PeriodLookup {
  constructor(@Inject(PeriodRepository) private readonly periods: PeriodRepository) {}

  /** The period of `year`; 404 when there is none. */
  async byYear(year: number, m?: EntityManager): Promise<Period> {
    const period = await this.periods.findByYear(year, m);
    if (!period) throw refuse(NotFoundException, 'msg.period.none_for_year', { year });
    return period;
  }

  /** The period itself when the caller has it already, else {@link byYear}. */
  async periodOf(period: Period | number): Promise<Period> {
    return typeof period === 'number' ? this.byYear(period) : period;
  }

  /** Which framework the year's period is on; null when the year has no period. */
  frameworkOfYear(year: number): Promise<string | null> {
    return this.periods.frameworkOfYear(year);
  }

  /** The period pages show by default: the requested year, else the latest one. */
  async current(year?: number): Promise<Period | null> {
    if (year) return this.periods.findByYear(year);
    return (await this.periods.latest()) ?? null;
  }
}
