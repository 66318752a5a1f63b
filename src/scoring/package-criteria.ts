import type { FrameworkPackage, PackageLevelCriteria } from '../framework/framework-package.zod';
import { packageIndicators } from '../framework/framework-package.view';
import type { AssessedIndicator, Criterion, Framework } from '../framework/framework.schema';
import type { Facts } from './facts.types';
import { levelFromGaps } from './levels';
import { buildContext } from './scoring.context';
import type { Basis } from './scoring.types';
import { scoreSplUse } from './spl-use';

/**
 * An `evidence` indicator of a framework package (I16 Integrasi Aplikasi of Pemdi 2026) scored by
 * the criteria engine from the agency's facts: the package gives each level's checks (agency and
 * per unit), the engine framework the evidence statuses of each basis, the kind sets and the
 * edition's rules (review window, integration targets). Same loop as Indicator 18 of SPBE 2020:
 * every unit in scope climbs the unit checks, then the agency checks read their levels.
 */
export interface PackageIndicatorScore {
  readonly code: string;
  readonly level: number;
  /** Per level from 1: met, and the gap codes when not. */
  readonly criteria: readonly { level: number; met: boolean; codes: string[] }[];
  readonly units: readonly { id: string; level: number }[];
  readonly unitsInScope: number;
  readonly unitsUsingSpl: number;
}

/** The package's indicators the engine scores (mode `evidence` with criteria). */
export function engineIndicators(pkg: FrameworkPackage): string[] {
  return packageIndicators(pkg)
    .filter((v) => v.mode === 'evidence' && v.definition.criteria)
    .map((v) => v.code);
}

export function scorePackageIndicator(
  facts: Facts,
  pkg: FrameworkPackage,
  code: string,
  engine: Framework,
  basis: Basis,
): PackageIndicatorScore {
  const ctx = buildContext(facts, engineFor(pkg, code, engine), basis);
  const score = scoreSplUse(ctx);
  return {
    code,
    level: levelFromGaps(score.gaps),
    criteria: score.gaps.map((gaps, i) => ({
      level: i + 1,
      met: gaps.length === 0,
      codes: gaps.map((g) => g.code),
    })),
    units: score.units.map((u) => ({ id: u.id, level: u.level })),
    unitsInScope: score.unitsInScope,
    unitsUsingSpl: score.unitsUsingSpl,
  };
}

/** One engine view per package object and indicator: the criteria caches key on the criteria arrays. */
const engines = new WeakMap<FrameworkPackage, Map<string, Framework>>();

function engineFor(pkg: FrameworkPackage, code: string, engine: Framework): Framework {
  let byCode = engines.get(pkg);
  if (!byCode) engines.set(pkg, (byCode = new Map()));
  const known = byCode.get(code);
  if (known) return known;
  const view = packageIndicators(pkg).find((v) => v.code === code);
  if (!view?.definition.criteria) throw new RangeError(`${pkg.id} ${pkg.version}: ${code} has no criteria`);
  const criteria = view.definition.criteria.map((c) => asCriterion(c, engine));
  const assessed: AssessedIndicator = {
    ...engine.assessment.splUse,
    indicator: Number(code.slice(1)),
    criteria: Object.fromEntries(Object.keys(engine.editions).map((edition) => [edition, criteria])),
  };
  const framework: Framework = { ...engine, assessment: { ...engine.assessment, splUse: assessed } };
  byCode.set(code, framework);
  return framework;
}

/** The engine reads a level's checks only; the texts are the package's own (shown from there). */
function asCriterion(c: PackageLevelCriteria, engine: Framework): Criterion {
  const template = engine.assessment.splUse.criteria[engine.defaultEdition][0];
  return {
    level: c.level,
    checks: c.checks,
    ...(c.unitChecks ? { unitChecks: c.unitChecks } : {}),
    text: template.text,
    fulfilment: template.fulfilment,
    evidence: template.evidence,
  };
}
