import { z } from 'zod';
import { criterionCheck, integrationTarget, kindSetName } from './criteria.schema';

/** Structural schema of a framework definition file; cross-field checks live in framework.validate.ts. */

export const text = z.strictObject({ id: z.string().min(1), en: z.string().min(1) });

/** Weights and band limits are exact decimals kept as strings, turned into hundredths later. */
export const decimal = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'expected a decimal string with at most 2 places, e.g. "1.30"');

export const code = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an upper-case code such as "D1"');

export { KIND_SET_NAMES } from './criteria.schema';
const evidenceKind = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case evidence kind');
const evidenceStatus = z.enum(['draft', 'submitted', 'accepted', 'needs_revision', 'rejected']);
const editionKey = z.string().regex(/^[A-Z]$/, 'expected a single capital letter');

const editionRules = z.strictObject({
  reviewWindowMonths: z.int().min(1).max(60),
  integrationTargets: z.array(integrationTarget).min(1),
  coverageTargetApplies: z.boolean(),
  policyReplacementGapMonths: z.int().min(0).max(120),
  l5RequiredIntegrations: z.array(integrationTarget),
});

const edition = z.strictObject({ title: text, description: text, rules: editionRules });

export const sourceKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case source key such as "seed-004"');

/**
 * A criteria text with its provenance: `verbatim` when the Indonesian is the official text word
 * for word, `paraphrase` when it is the project's own wording. The English is always a translation.
 */
const sourcedText = z.strictObject({
  id: z.string().min(1),
  en: z.string().min(1),
  source: sourceKey,
  form: z.enum(['verbatim', 'paraphrase']),
});

/** One numbered item of "Kriteria Bukti Dukung", with the kind sets whose evidence satisfies it. */
const evidenceItem = z.strictObject({
  text: sourcedText,
  kinds: z.array(kindSetName).min(1, 'each evidence item needs at least one kind set'),
});

/**
 * One level of one edition: its conditions as checks (for the agency, and for each unit where
 * the indicator also scores units), Kriteria Level, Kriteria Pemenuhan Level and Kriteria Bukti Dukung.
 */
const criterion = z.strictObject({
  level: z.int().min(1).max(5),
  checks: z.array(criterionCheck).min(1, 'each level needs at least one check'),
  unitChecks: z.array(criterionCheck).min(1, 'each level needs at least one unit check').optional(),
  text: sourcedText,
  fulfilment: sourcedText,
  evidence: z.array(evidenceItem).min(1),
});

/** Penjelasan Indikator, Penjelasan Penilaian and Penjelasan Bukti Dukung. */
const explanations = z.strictObject({
  indicator: sourcedText,
  assessment: sourcedText,
  evidence: sourcedText,
});

const assessedIndicator = z.strictObject({
  indicator: z.int().positive(),
  explanations,
  criteria: z.record(editionKey, z.array(criterion)),
});

/** How an indicator gets its level; see framework-package.zod.ts (the engine scores `evidence` ones it names). */
export const INDICATOR_MODES = ['evidence', 'value', 'external'] as const;
const indicator = z.strictObject({
  number: z.int().positive(),
  weight: decimal,
  name: text,
  mode: z.enum(INDICATOR_MODES).optional(),
});
const aspect = z.strictObject({ code, name: text, indicators: z.array(indicator).min(1) });
const domain = z.strictObject({ code, name: text, weight: decimal, aspects: z.array(aspect).min(1) });

export const frameworkSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as "spbe-2020"'),
  version: z.string().min(1),
  title: text,
  regulation: z.string().min(1),
  levels: z.array(z.strictObject({ level: z.int().min(1).max(5), name: text })).length(5),
  predicates: z.array(z.strictObject({ min: decimal, name: text })).min(1),
  bases: z.record(z.string().regex(/^[a-z]+$/), z.array(evidenceStatus).min(1)),
  kindSets: z.record(kindSetName, z.array(evidenceKind).min(1)),
  defaultEdition: editionKey,
  editions: z.record(editionKey, edition),
  sources: z.record(sourceKey, text),
  assessment: z.strictObject({ splPolicy: assessedIndicator, splUse: assessedIndicator }),
  domains: z.array(domain).min(1),
});

export type Framework = z.infer<typeof frameworkSchema>;
export type Text = z.infer<typeof text>;
export type KindSetName = z.infer<typeof kindSetName>;
export type IntegrationTarget = z.infer<typeof integrationTarget>;
export type EditionRules = z.infer<typeof editionRules>;
export type Edition = z.infer<typeof edition>;
export type Criterion = z.infer<typeof criterion>;
export type SourcedText = z.infer<typeof sourcedText>;
export type EvidenceItem = z.infer<typeof evidenceItem>;
export type Explanations = z.infer<typeof explanations>;
export type AssessedIndicator = z.infer<typeof assessedIndicator>;
export type Domain = z.infer<typeof domain>;
export type Aspect = z.infer<typeof aspect>;
export type IndicatorDefinition = z.infer<typeof indicator>;
export type {
  AfterReviewCheck,
  CheckType,
  CriterionCheck,
  EvidenceCheck,
  FollowUpCheck,
  IntegrationCheck,
  PolicyCheck,
  ReviewCheck,
  ShareCheck,
} from './criteria.schema';
