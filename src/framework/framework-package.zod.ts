import { z } from 'zod';
import { criterionCheck } from './criteria.schema';
import { code, decimal, INDICATOR_MODES, sourceKey, text } from './framework.schema';

/**
 * A framework package: one YAML file describing an evaluation framework as data (catalogue,
 * weights, levels, bands, index formula, crosswalk, and where every text comes from). The
 * published JSON Schema (framework-package.schema.json) is generated from this; cross-field
 * rules live in framework-package.validate.ts. A package the engine scores (SPBE 2020) also
 * carries the engine's keys (bases, kindSets, editions, assessment), checked by framework.schema.ts.
 */

/** verbatim: the official text word for word; paraphrase: the project's wording of a known text;
 * provisional: reported by unofficial sources only, to be replaced when the official text is known. */
export const TEXT_FORMS = ['verbatim', 'paraphrase', 'provisional'] as const;
const form = z.enum(TEXT_FORMS);

const sourcedText = z.strictObject({
  id: z.string().min(1),
  en: z.string().min(1),
  source: sourceKey,
  form,
});

/** Where a part of the package (structure, weights, bands...) comes from. */
const provenance = z.strictObject({ source: sourceKey, form });

const indicatorCode = z.string().regex(/^I[1-9][0-9]*$/, 'expected an indicator code such as "I16"');

const levelText = z.strictObject({ level: z.int().min(0).max(9), text: sourcedText });

/**
 * The conditions of one level of an indicator the engine scores from the agency's facts, in the
 * vocabulary of docs/criteria-vocabulary.md: `checks` for the agency, `unitChecks` for each unit
 * in scope (as Indicator 18 of SPBE 2020). Levels are cumulative.
 */
const levelCriteria = z.strictObject({
  level: z.int().min(1).max(9),
  checks: z.array(criterionCheck).min(1, 'each level needs at least one check'),
  unitChecks: z.array(criterionCheck).min(1, 'each level needs at least one unit check').optional(),
});

const indicator = z
  .strictObject({
    number: z.int().positive().optional(),
    code: indicatorCode.optional(),
    weight: decimal,
    name: text,
    mode: z.enum(INDICATOR_MODES).optional(),
    /** For `external` indicators: whose index supplies the value (entered with its source). */
    external: sourcedText.optional(),
    /** Level texts of an indicator assessed by evidence outside the engine. */
    levels: z.array(levelText).optional(),
    evidence: sourcedText.optional(),
    /** For `evidence` indicators the engine scores: each level's checks, level 1 upwards. */
    criteria: z.array(levelCriteria).min(1).optional(),
  })
  .describe('An indicator: `code` (I1...) or, in SPBE 2020, `number` (code I<number>)');

const aspect = z.strictObject({
  code,
  name: text,
  weight: decimal.optional(),
  indicators: z.array(indicator).min(1),
});

const domain = z.strictObject({ code, name: text, weight: decimal, aspects: z.array(aspect).min(1) });

/**
 * weighted-mean: Σ(weight × level) ÷ Σ(weight) (SPBE 2020);
 * weighted-sum: Σ(weight × level) ÷ 100, weights being percentages (Indeks Pemdi).
 * An aspect's index is Σ(weight × level) ÷ the aspect's weight under both.
 */
export const INDEX_FORMULAS = ['weighted-mean', 'weighted-sum'] as const;

const crosswalkEntry = z.strictObject({
  from: z.strictObject({
    framework: z.string().min(1),
    version: z.string().optional(),
    indicator: indicatorCode,
  }),
  to: indicatorCode,
  related: z.array(indicatorCode).optional(),
  note: sourcedText,
});

export const frameworkPackageSchema = z.strictObject({
  id: z
    .string()
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as "pemdi-2026"'),
  version: z
    .string()
    .max(40)
    .regex(/^[0-9A-Za-z][0-9A-Za-z.+-]*$/, 'expected a version such as "2026.1"'),
  title: text,
  /** The legal basis. */
  regulation: z.string().min(1),
  sources: z.record(sourceKey, text),
  provenance: z
    .strictObject({
      structure: provenance,
      levels: provenance.optional(),
      predicates: provenance,
      index: provenance,
    })
    .optional(),
  scale: z.strictObject({ min: z.int().min(0).max(9), max: z.int().min(1).max(9) }),
  levels: z.array(z.strictObject({ level: z.int().min(1).max(9), name: text })).min(1),
  predicates: z.array(z.strictObject({ min: decimal, name: text })).min(1),
  index: z.strictObject({ formula: z.enum(INDEX_FORMULAS), description: text }),
  domains: z.array(domain).min(1).optional(),
  aspects: z.array(aspect).min(1).optional(),
  crosswalk: z.array(crosswalkEntry).optional(),
  // The engine's keys, validated by framework.schema.ts when present.
  bases: z.unknown().optional(),
  kindSets: z.unknown().optional(),
  defaultEdition: z.unknown().optional(),
  editions: z.unknown().optional(),
  assessment: z.unknown().optional(),
});

export type FrameworkPackage = z.infer<typeof frameworkPackageSchema>;
export type PackageIndicator = z.infer<typeof indicator>;
export type PackageAspect = z.infer<typeof aspect>;
export type PackageLevelCriteria = z.infer<typeof levelCriteria>;
export type PackageSourcedText = z.infer<typeof sourcedText>;
export type IndicatorMode = (typeof INDICATOR_MODES)[number];
export type IndexFormula = (typeof INDEX_FORMULAS)[number];

/** The published JSON Schema of a package (framework-package.schema.json is this, written out). */
export function frameworkPackageJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://spbe-tracker.example/schemas/framework-package.schema.json',
    title: 'Framework package (SPBE Tracker)',
    description:
      'One evaluation framework as data; see docs/frameworks.md. Cross-field rules (weights sum to 100, bands descend, sources exist) are checked by `npm run cli -- framework validate FILE`.',
    ...z.toJSONSchema(frameworkPackageSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
