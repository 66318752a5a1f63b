import { DynamicModule, Global, Module } from '@nestjs/common';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { ScoringModule } from '../scoring/scoring.module';
import { FactsRepository } from './facts.repository';
import { LevelResultsRepository } from './level-results.repository';
import { LevelsController } from './levels.controller';
import { LevelsService } from './levels.service';
import { StaleLevelsOnBoot } from './stale-levels';

/** Global so every feature that changes agency data can ask for a recompute. */
@Global()
@Module({
  imports: [ScoringModule, PeriodLookupModule],
  controllers: [LevelsController],
  providers: [LevelsService, FactsRepository, LevelResultsRepository],
  // PeriodLookup goes along while the module is global (features found periods through it before).
  exports: [LevelsService, FactsRepository, PeriodLookupModule],
})
export class LevelsModule {
  /** The server also brings stale levels up to date at boot; the command line does not. */
  static forServer(): DynamicModule {
    return { module: LevelsModule, providers: [StaleLevelsOnBoot] };
  }
}
