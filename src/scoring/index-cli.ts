import type { FrameworkPackage } from '../framework/framework-package.zod';
import { LANGS, type Lang } from './scoring.types';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK, type ScoreIo } from './score-cli';
import { checkLevels, computeFrameworkIndex, LevelsError } from './framework-index';

/** Options of `index`, as the command line gives them (unvalidated). */
export interface IndexCliOptions {
  readonly framework?: string;
  readonly version?: string;
  readonly levels?: string;
  readonly lang?: string;
}

/** Finds a package by id and version (undefined: the shipped one); undefined when there is none. */
export type PackageLookup = (id: string, version?: string) => Promise<FrameworkPackage | undefined>;

class InvalidInput extends Error {}

/**
 * `index --framework ID [--version V] --levels FILE [--lang id|en]`: prints
 * { framework, version, index, predicate, aspects } and returns the exit status; every invalid
 * input exits 2 with one line on stderr naming the problem. The predicate is the band's name in
 * --lang (Indonesian by default).
 */
export async function runIndex(
  options: IndexCliOptions,
  io: ScoreIo,
  lookup: PackageLookup,
): Promise<number> {
  try {
    const lang = checkOptions(options);
    const text = await readLevelsFile(options.levels as string, io);
    const pkg = await lookup(options.framework as string, options.version);
    if (!pkg) {
      const which = options.version ? `${options.framework} version ${options.version}` : options.framework;
      throw new InvalidInput(`unknown framework: ${which}`);
    }
    const levels = checkLevels(pkg, parseJson(text, options.levels as string));
    const result = computeFrameworkIndex(pkg, levels);
    io.stdout(`${JSON.stringify({ ...result, predicate: result.predicate[lang] }, null, 2)}\n`);
    return EXIT_OK;
  } catch (error: unknown) {
    if (error instanceof InvalidInput || error instanceof LevelsError) {
      io.stderr(`index: ${error.message}\n`);
      return EXIT_INVALID;
    }
    io.stderr(`index: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

function checkOptions(options: IndexCliOptions): Lang {
  if (!options.framework) throw new InvalidInput('--framework ID is required (e.g. pemdi-2026)');
  if (!options.levels) throw new InvalidInput('--levels FILE is required (a JSON object, e.g. {"I1": 3})');
  if (options.lang !== undefined && !(LANGS as readonly string[]).includes(options.lang))
    throw new InvalidInput(`--lang must be ${LANGS.join(' or ')}, got "${options.lang}"`);
  return (options.lang ?? 'id') as Lang;
}

async function readLevelsFile(path: string, io: ScoreIo): Promise<string> {
  try {
    return path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (error: unknown) {
    throw new InvalidInput(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error: unknown) {
    throw new InvalidInput(
      `${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
