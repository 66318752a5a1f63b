import { DynamicModule, Global, Module } from '@nestjs/common';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { ScoringModule } from '../scoring/scoring.module';
import { AgencyRecompute } from './agency-recompute';
import { FactsRepository } from './facts.repository';
import { LevelBatches } from './level-batches';
import { LevelResultsRepository } from './level-results.repository';
import { LevelsController } from './levels.controller';
import { LevelsReader } from './levels-reader';
import { NationalRecompute } from './national-recompute';
import { StaleLevelsOnBoot } from './stale-levels';

/**
 * Global so that the unit of work (src/workflow-core) recomputes after every change, and pages
 * and reports read the stored levels.
 */
@Global()
@Module({
  imports: [ScoringModule, PeriodLookupModule],
  controllers: [LevelsController],
  providers: [
    LevelBatches,
    AgencyRecompute,
    NationalRecompute,
    LevelsReader,
    FactsRepository,
    LevelResultsRepository,
  ],
  // PeriodLookup goes along while the module is global (features found periods through it before).
  exports: [AgencyRecompute, NationalRecompute, LevelsReader, FactsRepository, PeriodLookupModule],
})
export class LevelsModule {
  /** The server also brings stale levels up to date at boot; the command line does not. */
  static forServer(): DynamicModule {
    return { module: LevelsModule, providers: [StaleLevelsOnBoot] };
  }
}
