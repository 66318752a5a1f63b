import { Injectable } from '@nestjs/common';
import type { Framework } from '../framework/framework.schema';
import { loadFramework } from '../framework/framework.loader';
import { levelPlans, scoreWithFramework } from './engine';
import { explain } from './explain';
import { parseFacts } from './facts.parser';
import type { Facts } from './facts.types';
import type { Basis, Lang, LevelPlans, ScoreOutput } from './scoring.types';
import { computeIndex, type IndexResult } from './spbe-index';

/**
 * The Nest-facing shell around the pure engine: holds the loaded framework and offers the
 * operations the web app and the CLI need. No rule lives here.
 */
@Injectable()
export class ScoringService {
  private framework: Framework | undefined;

  /** The framework in use, loaded on first use so that a broken file fails where it is used. */
  getFramework(): Framework {
    this.framework ??= loadFramework();
    return this.framework;
  }

  /** Validates raw JSON as facts; throws FactsError with the JSON path of the first problem. */
  parse(json: unknown): Facts {
    return parseFacts(json);
  }

  score(facts: Facts, basis: Basis, lang: Lang = 'id'): ScoreOutput {
    return scoreWithFramework(facts, this.getFramework(), { basis, lang });
  }

  /** Both bases at once, as the evidence screens show them side by side. */
  scoreBoth(facts: Facts, lang: Lang = 'id'): { supported: ScoreOutput; verified: ScoreOutput } {
    return { supported: this.score(facts, 'supported', lang), verified: this.score(facts, 'verified', lang) };
  }

  /** Each level of the indicators and units judged on its own, for plans (the roadmap). */
  levelPlans(facts: Facts, basis: Basis, lang: Lang = 'id'): LevelPlans {
    return levelPlans(facts, this.getFramework(), { basis, lang });
  }

  explain(output: ScoreOutput): string {
    return explain(output, this.getFramework());
  }

  computeIndex(levels: Readonly<Record<number, number>>): IndexResult {
    return computeIndex(levels, this.getFramework());
  }
}
