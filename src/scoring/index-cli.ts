import type { FrameworkPackage } from '../framework/framework-package.zod';
import { msg, render } from '../i18n/message';
import type { Lang } from './scoring.types';
import {
  checkLang,
  diagnosticsLang,
  EXIT_FAILURE,
  EXIT_INVALID,
  EXIT_OK,
  InvalidInput,
  parseJson,
  readText,
  type ScoreIo,
} from './score-cli';
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

/**
 * `index --framework ID [--version V] --levels FILE [--lang id|en]`: prints
 * { framework, version, index, predicate, aspects } and returns the exit status; every invalid
 * input exits 2 with one line on stderr naming the problem, in --lang, else `toolLang`
 * (SPBE_LANG). The predicate is the band's name in --lang (Indonesian by default).
 */
export async function runIndex(
  options: IndexCliOptions,
  io: ScoreIo,
  lookup: PackageLookup,
  toolLang: Lang = 'id',
): Promise<number> {
  const said = diagnosticsLang(options.lang, toolLang);
  try {
    const lang = checkOptions(options);
    const text = await readText(options.levels as string, io);
    const { framework, version } = options as { framework: string; version?: string };
    const pkg = await lookup(framework, version);
    if (!pkg)
      throw new InvalidInput(
        version
          ? msg('cli.index.unknown_version', { framework, version })
          : msg('cli.index.unknown_framework', { framework }),
      );
    const levels = checkLevels(pkg, parseJson(text, options.levels as string));
    const result = computeFrameworkIndex(pkg, levels);
    io.stdout(`${JSON.stringify({ ...result, predicate: result.predicate[lang] }, null, 2)}\n`);
    return EXIT_OK;
  } catch (error: unknown) {
    if (error instanceof InvalidInput || error instanceof LevelsError) {
      io.stderr(`index: ${render(said, error.problem)}\n`);
      return EXIT_INVALID;
    }
    io.stderr(`index: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

function checkOptions(options: IndexCliOptions): Lang {
  if (!options.framework) throw new InvalidInput(msg('cli.index.framework_required'));
  if (!options.levels) throw new InvalidInput(msg('cli.index.levels_required'));
  return checkLang(options.lang);
}
