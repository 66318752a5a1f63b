import { createHash } from 'node:crypto';
import type { Framework } from '../framework/framework.schema';
import type { Period } from '../periods/period.entity';
import { scoreWithFramework } from '../scoring/engine';
import type { Evidence, Facts } from '../scoring/facts.types';
import type { Basis, ScoreOutput } from '../scoring/scoring.types';
import { buildFacts, evidenceIdOf } from './facts.builder';
import { FactTexts, rowsFromTexts } from './facts.decode';
import type { LevelResult } from './level-result.entity';

/**
 * Scoring a batch of agencies from what the facts statement answered to what the store writes:
 * pure (no database, no Nest), so the same code runs in the request's thread for one agency and
 * in a worker thread for a national recompute (scoring-worker.ts).
 */

/** What scoring reads of a period. */
export type ScoredPeriod = Pick<
  Period,
  'id' | 'year' | 'stage' | 'asOf' | 'edition' | 'coverageTarget' | 'reviewWindowMonths'
>;

/** Which engine and framework computed stored results (the `engine_key` column). */
export const engineKey = (engine: string, frameworkId: string, frameworkVersion: string) =>
  `${engine}|${frameworkId}|${frameworkVersion}`;

/** What stored results were computed from: the facts, the engine and the framework. */
export const resultKey = (hash: string, engine: string) => `${hash}|${engine}`;

export type LevelRow = Pick<
  LevelResult,
  'agencyId' | 'basis' | 'indicator' | 'unitKey' | 'level' | 'coverage'
>;

/** One agency's engine results, ready to store. */
export interface Scored {
  agencyId: string;
  /** sha256 of the facts' JSON. */
  hash: string;
  /** {@link engineKey} of the outputs. */
  engine: string;
  /** The facts' JSON, the text that was hashed, when they are kept (final periods). */
  storedFacts: string | null;
  /** The engine's outputs, as JSON. */
  supported: string;
  verified: string;
  /** The level rows pages read. */
  levels: LevelRow[];
}

export interface ScoringJob {
  texts: FactTexts;
  agencyIds: string[];
  /** {@link resultKey} of what is stored, per agency: an agency whose key is unchanged is skipped. */
  keys: [string, string][];
  period: ScoredPeriod;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Scores every agency of the job whose stored results are not current. `seen` is told each
 * agency's facts and their hash (the in-thread caller keeps the last ones).
 */
export function scoreBatch(
  job: ScoringJob,
  framework: Framework,
  engine: string,
  seen?: (agencyId: string, facts: Facts, hash: string) => void,
): Scored[] {
  const rows = rowsFromTexts(job.texts, job.agencyIds);
  const keys = new Map(job.keys);
  const results: Scored[] = [];
  for (const agencyId of job.agencyIds) {
    const facts = buildFacts(rows.get(agencyId)!, job.period, framework);
    // Serialised once: the same text is hashed and stored.
    const factsJson = JSON.stringify(facts);
    const hash = sha256(factsJson);
    seen?.(agencyId, facts, hash);
    if (keys.get(agencyId) === resultKey(hash, engine)) continue;
    results.push(scoreFacts(agencyId, facts, factsJson, hash, job.period, framework, engine));
  }
  return results;
}

/** One agency's results from its facts (`factsJson` their JSON, `hash` its sha256). */
export function scoreFacts(
  agencyId: string,
  facts: Facts,
  factsJson: string,
  hash: string,
  period: Pick<ScoredPeriod, 'stage'>,
  framework: Framework,
  engine: string,
): Scored {
  const output = (basis: Basis) => scoreWithFramework(facts, framework, { basis, lang: 'id' });
  const supported = output('supported');
  const verified = output('verified');
  return {
    agencyId,
    hash,
    engine,
    // Facts are kept only where live data no longer gives them back: once a period is final
    // (freezing reads them). Elsewhere the hash names them and `LevelBatches.facts` rebuilds them.
    storedFacts: period.stage === 'final' ? factsJson : null,
    supported: JSON.stringify(supported),
    verified: JSON.stringify(verified),
    levels: [...levelRows(agencyId, 'supported', supported), ...levelRows(agencyId, 'verified', verified)],
  };
}

/**
 * The facts with one evidence item's status changed: exactly what reading them again would give
 * after that change alone (an item supporting several indicators is one facts item per indicator).
 */
export function withEvidenceStatus(facts: Facts, evidenceId: string, status: string): Facts {
  return {
    ...facts,
    evidence: facts.evidence.map((item) =>
      evidenceIdOf(item.id) === evidenceId ? { ...item, status: status as Evidence['status'] } : item,
    ),
  };
}

/** One row per indicator (unit key '') and one per unit of Indicator 18, as pages read them. */
function levelRows(agencyId: string, basis: Basis, output: ScoreOutput): LevelRow[] {
  const rows: LevelRow[] = [];
  for (const [key, result] of Object.entries(output.indicators)) {
    const r = result as unknown as {
      level: number;
      coverage?: number;
      units?: { id: string; level: number; coverage: number }[];
    };
    const indicator = Number(key);
    const row = { agencyId, basis, indicator };
    rows.push({ ...row, unitKey: '', level: r.level, coverage: r.coverage?.toFixed(6) ?? null });
    for (const u of r.units ?? []) {
      rows.push({ ...row, unitKey: u.id, level: u.level, coverage: u.coverage.toFixed(6) });
    }
  }
  return rows;
}
