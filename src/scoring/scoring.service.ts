import { Injectable } from '@nestjs/common';
import { deepFreeze } from '../common/deep-freeze';
import type { Framework } from '../framework/framework.schema';
import { loadFramework } from '../framework/framework.loader';
import { levelPlans, scoreWithFramework } from './engine';
import { explain } from './explain';
import { parseFacts } from './facts.parser';
import type { Facts } from './facts.types';
import type { Basis, Lang, LevelPlans, ScoreOutput } from './scoring.types';
import { computeIndex, type IndexResult } from './spbe-index';

/** The outputs of both bases for the same facts. */
export interface ScoredBoth {
  supported: ScoreOutput;
  verified: ScoreOutput;
}

/**
 * The Nest-facing shell around the pure engine: holds the loaded framework and offers the
 * operations the web app and the CLI need. No rule lives here.
 */
@Injectable()
export class ScoringService {
  private framework: Framework | undefined;
  /** {@link scoreBothShared}'s outputs by facts object and language, kept while the facts object lives. */
  private readonly shared = new WeakMap<Facts, Partial<Record<Lang, ScoredBoth>>>();

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
  scoreBoth(facts: Facts, lang: Lang = 'id'): ScoredBoth {
    return { supported: this.score(facts, 'supported', lang), verified: this.score(facts, 'verified', lang) };
  }

  /**
   * {@link scoreBoth} of facts that stay one object while they are the same facts and that no one
   * changes (those LevelsReader.factsOf keeps in memory): scored once per language and then
   * remembered beside the object, since a dashboard shown again and again would score the same
   * facts each time. Every caller shares the outputs, so they are frozen.
   */
  scoreBothShared(facts: Facts, lang: Lang = 'id'): ScoredBoth {
    let byLang = this.shared.get(facts);
    if (!byLang) this.shared.set(facts, (byLang = {}));
    return (byLang[lang] ??= deepFreeze(this.scoreBoth(facts, lang)));
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
