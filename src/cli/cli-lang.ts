import { isLang, LANGS, type Lang } from '../i18n/i18n';
import { type Message, type MessageParams, msg, render } from '../i18n/message';
import { refusalOf } from '../i18n/refusal';

/** A refusal on the command line in the catalogue's words; `cli.ts` prints it in the tool's language. */
export class CliError extends Error {
  constructor(readonly problem: Message) {
    super(render('en', problem));
    this.name = 'CliError';
  }
}

/** `throw cliError('cli.hub.no_agency', { ref })`. */
export function cliError(key: string, params?: MessageParams): CliError {
  return new CliError(msg(key, params));
}

/**
 * The language the command line speaks: a command's `--lang id|en`, else SPBE_LANG (read with the
 * rest of the configuration), else Indonesian. One instance per run, shared by the commands and
 * the error handler, so a refusal reads in the language the command was asked for.
 */
export class CliLang {
  private chosen: Lang | undefined;

  constructor(private readonly fallback: Lang) {}

  /** Reads a `--lang` option: commander calls this before the command runs. */
  choose(value: string): Lang {
    if (!isLang(value)) throw cliError('cli.lang', { value, langs: LANGS.join(', ') });
    this.chosen = value;
    return value;
  }

  get lang(): Lang {
    return this.chosen ?? this.fallback;
  }

  /** A catalogue message in the tool's language. */
  say(key: string, params?: MessageParams): string {
    return render(this.lang, msg(key, params));
  }

  /** What went wrong, in the tool's language: a CliError or a refusal in the catalogue's words. */
  describe(error: unknown): string {
    if (error instanceof CliError) return render(this.lang, error.problem);
    const refusal = refusalOf(error);
    if (refusal) return render(this.lang, refusal);
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The language a command line asks for (`--lang en` or `--lang=en`), read before commander runs:
 * for a problem that stops the tool before any command does (a bad environment variable).
 */
export function langInArgs(args: readonly string[]): Lang | undefined {
  for (const [i, arg] of args.entries()) {
    const value = arg.startsWith('--lang=')
      ? arg.slice('--lang='.length)
      : arg === '--lang'
        ? args[i + 1]
        : undefined;
    if (isLang(value)) return value;
  }
  return undefined;
}

/** The `--lang` option every command that speaks takes. */
export const LANG_OPTION = {
  flags: '--lang <lang>',
  description: 'language of what the command says: id (default, or SPBE_LANG) or en',
} as const;
