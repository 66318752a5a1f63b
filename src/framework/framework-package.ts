import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../common/canonical-json';
import { FrameworkError, parseFramework, parseYaml } from './framework.loader';
import type { FrameworkProblem } from './framework.validate';
import { frameworkPackageSchema, type FrameworkPackage } from './framework-package.zod';
import { findPackageProblems } from './framework-package.validate';
import { toJsonPath } from './json-path';
import { packageIndicators } from './framework-package.view';
import { DEFAULT_FRAMEWORK_ID } from './framework.registry';
import type { Text } from './framework.schema';
import { Message, msg } from '../i18n/message';
import { zodProblem } from './package-messages';

/** One problem of a package file, with the JSON path of the offending value. */
export interface PackageError {
  readonly path: string;
  /** In English, for logs and the error a broken shipped package raises. */
  readonly message: string;
  /** The same in the catalogue's words, for the API, the page and the command line in the reader's language. */
  readonly problem: Message;
}

export type PackageParse =
  | { readonly ok: true; readonly pkg: FrameworkPackage; readonly hash: string }
  | { readonly ok: false; readonly errors: readonly PackageError[] };

/** The packages shipped with this build, by id; each a YAML file next to this code. */
export const SHIPPED_PACKAGES: Readonly<Record<string, string>> = Object.freeze({
  'spbe-2020': 'spbe-2020.yaml',
  'pemdi-2026': 'pemdi-2026.yaml',
});

/**
 * Validates a package text (YAML or JSON) against the package schema, then the cross-field
 * rules, then (for a package the engine scores) the engine's schema. Answers every problem found.
 */
export function parsePackage(text: string, file = 'package'): PackageParse {
  let data: unknown;
  try {
    data = parseYaml(text, file);
  } catch (error: unknown) {
    if (error instanceof FrameworkError) return { ok: false, errors: [engineError(error)] };
    throw error;
  }
  const result = frameworkPackageSchema.safeParse(data);
  if (!result.success)
    return {
      ok: false,
      errors: result.error.issues.map((issue) => ({
        path: toJsonPath(issue.path),
        message: issue.message,
        problem: zodProblem(issue),
      })),
    };
  const problems: FrameworkProblem[] = findPackageProblems(result.data);
  if (problems.length > 0)
    return {
      ok: false,
      errors: problems.map((p) => ({
        path: toJsonPath(p.path),
        message: p.message,
        problem: p.problem,
      })),
    };
  if (result.data.assessment !== undefined) {
    try {
      parseFramework(text, file);
    } catch (error: unknown) {
      if (error instanceof FrameworkError) return { ok: false, errors: [engineError(error)] };
      throw error;
    }
  }
  return { ok: true, pkg: result.data, hash: packageHash(result.data) };
}

/** The engine's problem, in English for logs and in the catalogue's words for the reader. */
function engineError(error: FrameworkError): PackageError {
  return { path: error.path, message: detail(error), problem: error.problem };
}

function detail(error: FrameworkError): string {
  const prefix = `${error.file}: ${error.path}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** SHA-256 of the package's canonical JSON: the same content always has the same hash. */
export function packageHash(pkg: FrameworkPackage): string {
  return createHash('sha256').update(canonicalJson(pkg)).digest('hex');
}

const shipped = new Map<string, { pkg: FrameworkPackage; hash: string; text: string }>();

/** Reads, validates and caches a shipped package; a broken shipped file is a build error. */
export function loadShippedPackage(id: string): { pkg: FrameworkPackage; hash: string; text: string } {
  const cached = shipped.get(id);
  if (cached) return cached;
  const file = SHIPPED_PACKAGES[id];
  if (!file)
    throw new FrameworkError(
      id,
      '$',
      msg('msg.framework.unknown_shipped', { shipped: Object.keys(SHIPPED_PACKAGES).join(', ') }),
    );
  const text = readFileSync(join(__dirname, file), 'utf8');
  const parsed = parsePackage(text, file);
  if (!parsed.ok) {
    const [first] = parsed.errors;
    throw new FrameworkError(file, first.path, first.problem, first.message);
  }
  const entry = { pkg: parsed.pkg, hash: parsed.hash, text };
  shipped.set(id, entry);
  return entry;
}

/**
 * The indicators evidence of a period on this framework may support: 7 and 18 for SPBE 2020 (the
 * two the engine assesses), every indicator of the shipped package otherwise (an imported version
 * keeps its framework's catalogue); null for a framework not shipped (any indicator).
 */
export function evidenceIndicators(frameworkId: string): number[] | null {
  if (frameworkId === DEFAULT_FRAMEWORK_ID) return [7, 18];
  return evidenceIndicatorChoices(frameworkId)?.map((c) => c.n) ?? null;
}

/**
 * The same indicators with their codes and names, for the evidence forms of a period on a shipped
 * package other than SPBE 2020; null for SPBE 2020 (the forms name 7 and 18) or an unknown framework.
 */
export function evidenceIndicatorChoices(
  frameworkId: string,
): { n: number; code: string; name: Text }[] | null {
  if (frameworkId === DEFAULT_FRAMEWORK_ID || !SHIPPED_PACKAGES[frameworkId]) return null;
  return packageIndicators(loadShippedPackage(frameworkId).pkg).map((v) => ({
    n: Number(v.code.slice(1)),
    code: v.code,
    name: v.name,
  }));
}
