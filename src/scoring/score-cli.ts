import { readFile } from 'node:fs/promises';
import type { Framework } from '../framework/framework.schema';
import { loadFramework } from '../framework/framework.loader';
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

class InvalidInput extends Error {}

/**
 * `score --input FILE [--basis supported|verified] [--lang id|en] [--explain]`: prints the
 * output JSON (or an explanation) and returns the exit status; never throws for bad input.
 * Diagnostics on stderr are in English (they quote JSON paths and system errors); --lang sets
 * the language of the scoring output.
 */
export async function runScore(
  options: ScoreCliOptions,
  io: ScoreIo,
  getFramework: () => Framework = () => loadFramework(),
): Promise<number> {
  try {
    const { input, basis, lang } = checkOptions(options);
    const facts = parseFacts(await readJson(input, io));
    const definition = getFramework();
    const output: ScoreOutput = scoreWithFramework(facts, definition, { basis, lang });
    io.stdout(options.explain ? explain(output, definition) : `${JSON.stringify(output, null, 2)}\n`);
    return EXIT_OK;
  } catch (error: unknown) {
    if (error instanceof InvalidInput) io.stderr(`score: ${error.message}\n`);
    else if (error instanceof FactsError)
      io.stderr(`score: invalid facts at ${error.path}: ${error.detail}\n`);
    else {
      io.stderr(`score: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
    return EXIT_INVALID;
  }
}

function checkOptions(options: ScoreCliOptions): { input: string; basis: Basis; lang: Lang } {
  if (!options.input) throw new InvalidInput('--input FILE is required (use "-" for standard input)');
  const basis = options.basis ?? 'supported';
  if (!(BASES as readonly string[]).includes(basis))
    throw new InvalidInput(`--basis must be ${BASES.join(' or ')}, got "${basis}"`);
  if (options.lang !== undefined && !(LANGS as readonly string[]).includes(options.lang)) {
    throw new InvalidInput(`--lang must be ${LANGS.join(' or ')}, got "${options.lang}"`);
  }
  return { input: options.input, basis: basis as Basis, lang: (options.lang ?? 'id') as Lang };
}

async function readJson(input: string, io: ScoreIo): Promise<unknown> {
  const name = input === '-' ? 'stdin' : input;
  let text: string;
  try {
    text = input === '-' ? await io.readStdin() : await io.readFile(input);
  } catch (error: unknown) {
    throw new InvalidInput(`cannot read ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    // A byte-order mark is common in files saved by spreadsheet tools; JSON.parse rejects it.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error: unknown) {
    throw new InvalidInput(
      `${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
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
