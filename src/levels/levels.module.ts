import { Module } from '@nestjs/common';
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

/** Recompute of levels (for the unit of work) and the stored levels pages and reports read. */
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
  exports: [AgencyRecompute, NationalRecompute, LevelsReader, FactsRepository, LevelResultsRepository],
})
export class LevelsModule {}

/** The server also brings stale levels up to date at boot; the command line does not. */
@Module({ imports: [LevelsModule, ScoringModule], providers: [StaleLevelsOnBoot] })
export class StaleLevelsOnBootModule {}
