import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ENGINE_VERSION } from '../scoring/engine';
import { ScoringService } from '../scoring/scoring.service';
import { engineKey } from './batch-scoring';
import { LevelResultsRepository } from './level-results.repository';
import { NationalRecompute } from './national-recompute';

/**
 * After an upgrade that changes the engine or the framework (scoring contract 2, for one), the
 * stored levels of periods that are not final are stored again at boot, so no page shows a
 * level the current rules would not give. Final periods keep theirs: frozen results never
 * change. Agencies whose results are current are skipped by the recompute itself.
 */
@Injectable()
export class StaleLevelsOnBoot implements OnApplicationBootstrap {
  private readonly logger = new Logger('Levels');

  constructor(
    @Inject(NationalRecompute) private readonly levels: NationalRecompute,
    @Inject(LevelResultsRepository) private readonly results: LevelResultsRepository,
    @Inject(ScoringService) private readonly scoring: ScoringService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const framework = this.scoring.getFramework();
    const engine = engineKey(ENGINE_VERSION, framework.id, framework.version);
    const { periods, agencyIds } = await this.results.staleOpenPeriods(engine);
    for (const period of periods) {
      const stored = await this.levels.recompute(agencyIds, undefined, period);
      this.logger.log(
        `${period.year}: levels of ${stored} agencies stored again with engine ${ENGINE_VERSION}`,
      );
    }
  }
}
