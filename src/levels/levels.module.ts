import { DynamicModule, Global, Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module';
import { FactsRepository } from './facts.repository';
import { LevelResultsRepository } from './level-results.repository';
import { LevelsController } from './levels.controller';
import { LevelsService } from './levels.service';
import { StaleLevelsOnBoot } from './stale-levels';

/** Global so every feature that changes agency data can ask for a recompute. */
@Global()
@Module({
  imports: [ScoringModule],
  controllers: [LevelsController],
  providers: [LevelsService, FactsRepository, LevelResultsRepository],
  exports: [LevelsService, FactsRepository],
})
export class LevelsModule {
  /** The server also brings stale levels up to date at boot; the command line does not. */
  static forServer(): DynamicModule {
    return { module: LevelsModule, providers: [StaleLevelsOnBoot] };
  }
}
