import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { refuse } from '../i18n/refusal';
import type { Period } from '../periods/period.entity';
import { PeriodLookup } from '../periods/period-lookup';
import { scoredAsPackage } from '../framework/framework.registry';

/** The period of a year, when it is scored as a framework package (404 for an SPBE 2020 period). */
@Injectable()
export class PemdiPeriods {
  constructor(@Inject(PeriodLookup) private readonly periods: PeriodLookup) {}

  async packagePeriod(year: number): Promise<Period> {
    const period = await this.periods.byYear(year);
    if (!scoredAsPackage(period))
      throw refuse(NotFoundException, 'msg.pemdi.not_package_period', {
        year,
        framework: period.frameworkVersion,
      });
    return period;
  }
}
