import { readFile } from 'node:fs/promises';
import type { Framework } from '../framework/framework.schema';
import { loadFramework } from '../framework/framework.loader';
import { isLang } from '../i18n/i18n';
import { type Message, msg, render } from '../i18n/message';
import { scoreWithFramework } from './engine';
import { explain } from './explain';
import { FactsError } from './facts.error';
import { parseFacts } from './facts.parser';
import { BASES, LANGS, type Basis, type Lang, type ScoreOutput } from './scoring.types';

/** Options of `score`, as the command line gives them (unvalidated). */
export interface ScoreCliOptions {
  readonly input?: string;
  readonly basis?: string;
  readonly lang?: string;
  readonly explain?: boolean;
}

/** The side effects of the command, injectable so that tests run without a process. */
export interface ScoreIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
/** Invalid input: bad options, unreadable file, bad JSON or facts that break the contract. */
export const EXIT_INVALID = 2;

/** Bad input to a command, in the catalogue's words; shared by `score` and `index`. */
export class InvalidInput extends Error {
  constructor(readonly problem: Message) {
    super(render('en', problem));
    this.name = 'InvalidInput';
  }
}

/**
 * The language of what a command says on stderr: its own --lang when that names a language,
 * else the tool's (SPBE_LANG), so that a bad --lang is still reported in words one can read.
 */
export function diagnosticsLang(lang: string | undefined, fallback: Lang): Lang {
  return isLang(lang) ? lang : fallback;
}

/** `--lang: unknown language "fr"; choose one of id, en`, as every command says it. */
export function checkLang(lang: string | undefined): Lang {
  if (lang === undefined) return 'id';
  if (!isLang(lang)) throw new InvalidInput(msg('cli.lang', { value: lang, langs: LANGS.join(', ') }));
  return lang;
}

/**
 * `score --input FILE [--basis supported|verified] [--lang id|en] [--explain]`: prints the
 * output JSON (or an explanation) and returns the exit status; never throws for bad input.
 * --lang sets the language of the scoring output (Indonesian by default, as the contract says)
 * and of the diagnostics on stderr, which otherwise follow `toolLang` (SPBE_LANG); they quote
 * JSON paths, the facts check's words and system errors as they are.
 */
export async function runScore(
  options: ScoreCliOptions,
  io: ScoreIo,
  getFramework: () => Framework = () => loadFramework(),
  toolLang: Lang = 'id',
): Promise<number> {
  const said = diagnosticsLang(options.lang, toolLang);
  try {
    const { input, basis, lang } = checkOptions(options);
    const facts = parseFacts(await readJson(input, io));
    const definition = getFramework();
    const output: ScoreOutput = scoreWithFramework(facts, definition, { basis, lang });
    io.stdout(options.explain ? explain(output, definition) : `${JSON.stringify(output, null, 2)}\n`);
    return EXIT_OK;
  } catch (error: unknown) {
    if (error instanceof InvalidInput) io.stderr(`score: ${render(said, error.problem)}\n`);
    else if (error instanceof FactsError) {
      const problem = msg('cli.score.invalid_facts', { path: error.path, detail: error.detail });
      io.stderr(`score: ${render(said, problem)}\n`);
    } else {
      io.stderr(`score: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
    return EXIT_INVALID;
  }
}

function checkOptions(options: ScoreCliOptions): { input: string; basis: Basis; lang: Lang } {
  if (!options.input) throw new InvalidInput(msg('cli.score.input_required'));
  const basis = options.basis ?? 'supported';
  if (!(BASES as readonly string[]).includes(basis))
    throw new InvalidInput(msg('cli.score.basis', { value: basis, bases: BASES.join(', ') }));
  return { input: options.input, basis: basis as Basis, lang: checkLang(options.lang) };
}

async function readJson(input: string, io: ScoreIo): Promise<unknown> {
  const name = input === '-' ? 'stdin' : input;
  return parseJson(await readText(input, io, name), name);
}

/** A file's text, or standard input's for "-"; refused in the catalogue's words when unreadable. */
export async function readText(input: string, io: ScoreIo, name = input): Promise<string> {
  try {
    return input === '-' ? await io.readStdin() : await io.readFile(input);
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InvalidInput(msg('cli.file.unreadable', { file: name, detail }));
  }
}

/** JSON text (a byte-order mark, common in files saved by spreadsheet tools, is dropped first). */
export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InvalidInput(msg('cli.file.not_json', { file: name, detail }));
  }
}

/** The real process: files, standard input and output. */
export function createNodeIo(): ScoreIo {
  return {
    readFile: (path) => readFile(path, 'utf8'),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin)
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return Buffer.concat(chunks).toString('utf8');
    },
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}
