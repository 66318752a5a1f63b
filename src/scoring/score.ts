import type { Framework } from '../framework/framework.schema';
import { loadFramework } from '../framework/framework.loader';
import { scoreWithFramework } from './engine';
import type { Facts } from './facts.types';
import type { ScoreOptions, ScoreOutput } from './scoring.types';

/**
 * Scores Indicators 7 and 18 from one agency's facts. Pass `framework` to score against a
 * given definition; without it the SPBE 2020 framework is read once from its file and cached
 * (the only I/O on this path, and only the first time).
 */
export function score(facts: Facts, options: ScoreOptions): ScoreOutput {
  const framework: Framework = options.framework ?? loadFramework();
  return scoreWithFramework(facts, framework, options);
}
