import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { deepFreeze } from '../common/deep-freeze';
import { toJsonPath } from './json-path';
import { DEFAULT_FRAMEWORK_ID, FRAMEWORK_FILES, listFrameworks } from './framework.registry';
import { frameworkSchema, type Framework } from './framework.schema';
import { findFrameworkProblem } from './framework.validate';
import { Message, msg, render } from '../i18n/message';
import { zodProblem } from './package-messages';

/**
 * A malformed or unknown framework definition. `problem` is what is wrong in the catalogue's words
 * (shown in the reader's language, beside `path`); the message is its English text, naming the
 * file and the JSON path, for logs.
 */
export class FrameworkError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: Message,
    english: string = render('en', problem),
  ) {
    super(`${file}: ${path}: ${english}`);
    this.name = 'FrameworkError';
  }
}

const cache = new Map<string, Framework>();

/**
 * Loads, validates and caches a framework by id. Files are resolved next to this module
 * (the build copies *.yaml into dist), and the result is frozen because it is shared.
 */
export function loadFramework(id: string = DEFAULT_FRAMEWORK_ID): Framework {
  const cached = cache.get(id);
  if (cached) return cached;
  const file = FRAMEWORK_FILES[id];
  if (!file)
    throw new FrameworkError(
      id,
      '$',
      msg('msg.framework.unknown', { available: listFrameworks().join(', ') }),
    );
  const framework = frameworkFromData(readShippedYaml(file).data, file);
  if (framework.id !== id)
    throw new FrameworkError(file, '$.id', msg('msg.framework.id_mismatch', { id, found: framework.id }));
  cache.set(id, framework);
  return framework;
}

/** Parses and validates one framework definition text; `file` only labels error messages. */
export function parseFramework(text: string, file: string): Framework {
  return frameworkFromData(parseYaml(text, file), file);
}

/** Validates a framework definition already parsed from YAML; the result is frozen, so pass a copy. */
export function frameworkFromData(data: unknown, file: string): Framework {
  const result = frameworkSchema.safeParse(engineView(data));
  if (!result.success) {
    const issue = result.error.issues[0];
    // The schema's own English sentence stays in the log line; the reader gets the catalogue's.
    throw new FrameworkError(file, toJsonPath(issue.path), zodProblem(issue), issue.message);
  }
  const problem = findFrameworkProblem(result.data);
  if (problem) throw new FrameworkError(file, toJsonPath(problem.path), problem.problem);
  return deepFreeze(result.data);
}

/**
 * The keys the engine reads. A framework file is also a package (framework-package.zod.ts)
 * with keys of its own (scale, index formula, crosswalk...) that the engine has no use for.
 */
function engineView(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const keys = Object.keys(frameworkSchema.shape);
  return Object.fromEntries(Object.entries(data).filter(([key]) => keys.includes(key)));
}

const shippedFiles = new Map<string, { text: string; data: unknown }>();

/**
 * A file shipped next to this code, read and parsed once per process: a boot reads spbe-2020.yaml
 * both as a package and as the engine's framework, and a YAML parse of it costs a third of a
 * second before the parser is warm. Each caller gets its own copy of the parsed tree.
 */
export function readShippedYaml(file: string): { text: string; data: unknown } {
  let entry = shippedFiles.get(file);
  if (!entry) {
    const text = readFileSync(join(__dirname, file), 'utf8');
    entry = { text, data: parseYaml(text, file) };
    shippedFiles.set(file, entry);
  }
  return { text: entry.text, data: structuredClone(entry.data) };
}

export function parseYaml(text: string, file: string): unknown {
  try {
    return parse(text);
  } catch (error: unknown) {
    if (error instanceof YAMLParseError) {
      // No JSON path exists yet: the place is the line and column, said in the reader's words.
      const detail = error.message.split('\n')[0];
      const at = error.linePos?.[0];
      const problem = at
        ? msg('msg.framework.yaml_at', { line: at.line, column: at.col, detail })
        : msg('msg.framework.yaml', { detail });
      throw new FrameworkError(file, '$', problem);
    }
    throw error;
  }
}
