import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogKeys, hasMessage, translate } from './i18n';

/**
 * A static scan of src: a person reads what an HTTP exception says, so its words come from the
 * catalogues (`refuse(Kind, 'msg.key', values)`), never from an English literal in the code.
 */
const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const FILES = sources(SRC).map((path) => ({ file: relative(SRC, path), text: readFileSync(path, 'utf8') }));

/** Where each match outside a comment starts, as "file:line". */
function findAll(pattern: RegExp): { at: string; match: RegExpExecArray }[] {
  return FILES.flatMap(({ file, text }) =>
    [...text.matchAll(pattern)]
      .filter((match) => !/^\s*(\*|\/\/|\/\*)/.test(text.slice(text.lastIndexOf('\n', match.index) + 1)))
      .map((match) => ({ at: `${file}:${text.slice(0, match.index).split('\n').length}`, match })),
  );
}

/** `new XException('…')`, `` new XException(`…`) ``, `new XException({ message: '…' })`. */
const LITERAL_EXCEPTION = /new [A-Z]\w*Exception\(\s*(?:\{\s*message:\s*)?[`'"]/g;
/**
 * A refusal or a message built from a literal key: `refuse(Kind, 'msg.x'`, `msg('msg.x'`,
 * `say('msg.x'` and `key: 'msg.x'`.
 */
const LITERAL_KEY = /(?:\brefuse\(\s*\w+,\s*|\b(?:msg|say)\(\s*|\bkey:\s*(?='msg\.))'([^'$]+)'/g;

/**
 * A hub import problem built from a literal (`fail(key, 'is required')`, `badReason('...')`,
 * `new HubFileError('CODE', '...')`, `reasons.push('...')`, `{ error: '...' }`, `{ reason: '...' }`):
 * it is stored with the import and shown on the hub page, so it must be `msg('msg.hub…')`.
 */
const LITERAL_HUB_PROBLEM =
  /(?:\.fail\(\s*[^,()]+,\s*|\bbadReason\(\s*|new HubFileError\(\s*'\w+',\s*|\breasons\.push\(\s*|\b(?:error|reason):\s*)[`'"]/g;

/** Files matched that are not import problems, or still in English (shown as is); only shrinks. */
const HUB_ENGLISH_LEFT: readonly string[] = [
  // `DetectedFormat.reason` ("chosen by the user"): why a format was detected, not a problem.
  'hub/parsers/parse-hub-file.ts',
  'hub/hub-import.service.ts',
];

/**
 * Files whose strings a person reads as problems: the framework loader and its checks (shown on
 * /frameworks and by the API) and the hub parsers with the archive reader (shown with an import).
 * No English sentence stands in them as a literal, whatever shape the code that builds it takes.
 */
const PROBLEM_FILES =
  /^(framework\/([\w-]+\.validate|framework\.loader|framework-package)|hub\/parsers\/([\w-]+\.parser|zip-reader))\.ts$/;
/** `description: '…'` (parts joined with `+` too): commander's --help text, and the tool's name. */
const HELP_TEXT = /(?:description|cliName):\s*(?:(?:'[^'\n]*'|"[^"\n]*"|`[^`]*`)\s*\+?\s*)+/g;
/**
 * What the command line says: every command, the entry point and the shared pieces that word its
 * refusals (errors, summaries, progress). Their words come from the catalogue in the language of
 * `--lang` or SPBE_LANG; a new command joins the list.
 */
const CLI_FILES: readonly string[] = [
  'audit/audit.command.ts',
  'cli.ts',
  'cli/cli-lang.ts',
  'framework-packages/framework.command.ts',
  'hub/hub.command.ts',
  'levels/levels.command.ts',
  'auth/users.command.ts',
  'evidence/evidence.command.ts',
  'evidence/package-verify.command.ts',
  'evidence/package-verify.ts',
  'backup/backup.command.ts',
  'backup/backup.service.ts',
  'backup/backup.repository.ts',
  'database/migrate.command.ts',
  'scoring/score.command.ts',
  'scoring/score-cli.ts',
  'scoring/index-cli.ts',
  'framework-packages/index.command.ts',
  'config/app-config.ts',
];
/** A string literal that holds three lower-case words in a row: `'is not a readable zip'`. */
const ENGLISH_SENTENCE = /[`'"][^`'"\n]*?\b[a-z]{2,} [a-z]+ [a-z]{2,}\b/g;

/** Files whose literal messages nobody reads in the app (none yet); say why for each entry. */
const ALLOWED: readonly string[] = [];

describe('messages people read come from the catalogues', () => {
  it('throws no HTTP exception with an English literal message anywhere in src', () => {
    const samples = ["new NotFoundException('Unit not found.')", 'new ConflictException({ message: `x` })'];
    for (const sample of samples) expect(sample.match(LITERAL_EXCEPTION)).not.toBeNull();
    const found = findAll(LITERAL_EXCEPTION)
      .map((f) => f.at)
      .filter((at) => !ALLOWED.includes(at.split(':')[0]));
    expect(found).toEqual([]);
  });

  it('builds no hub import problem from an English literal', () => {
    const samples = [
      "r.fail('id', 'is required')",
      'badReason(`line ${n}`)',
      "new HubFileError('TOO_LARGE', 'x')",
    ];
    for (const sample of samples) expect(sample.match(LITERAL_HUB_PROBLEM)).not.toBeNull();
    const found = findAll(LITERAL_HUB_PROBLEM)
      .map((f) => f.at)
      .filter((at) => at.startsWith('hub/'));
    expect(found.filter((at) => !HUB_ENGLISH_LEFT.includes(at.split(':')[0]))).toEqual([]);
  });

  it('writes no English sentence in the framework checks, the hub parsers or the archive reader', () => {
    const samples = [
      '? \'the lowest band must start at "0.00"\'',
      '`${label} is not a readable zip archive`',
    ];
    for (const sample of samples) expect(sample.match(ENGLISH_SENTENCE)).not.toBeNull();
    expect("msg('msg.hubfile.archive.bomb', { file: label })".match(ENGLISH_SENTENCE)).toBeNull();
    const checked = FILES.filter(({ file }) => PROBLEM_FILES.test(file));
    expect(checked.map((f) => f.file)).toEqual(
      expect.arrayContaining([
        'framework/framework.validate.ts',
        'framework/criteria.validate.ts',
        'framework/framework.loader.ts',
        'hub/parsers/zip-reader.ts',
        'hub/parsers/f7-uptime.parser.ts',
        'hub/parsers/f7-uptime-v3.parser.ts',
      ]),
    );
    const found = findAll(ENGLISH_SENTENCE).filter(({ at }) => PROBLEM_FILES.test(at.split(':')[0]));
    expect(found.map(({ at, match }) => `${at} ${match[0]}`)).toEqual([]);
  });

  it('writes no English sentence in what the command line says, help texts aside', () => {
    const cli = FILES.filter(({ file }) => CLI_FILES.includes(file));
    expect(cli).toHaveLength(CLI_FILES.length);
    const commands = FILES.filter(({ file }) => file.endsWith('.command.ts')).map(({ file }) => file);
    expect(commands.filter((file) => !CLI_FILES.includes(file))).toEqual([]);
    const found = cli.flatMap(({ file, text }) => {
      // Help texts stay in English, like the option names they describe: blanked, lines kept.
      const said = text.replace(HELP_TEXT, (help) => help.replace(/[^\n]/g, ' '));
      return [...said.matchAll(ENGLISH_SENTENCE)]
        .filter((match) => !/^\s*(\*|\/\/|\/\*)/.test(said.slice(said.lastIndexOf('\n', match.index) + 1)))
        .map((match) => `${file}:${said.slice(0, match.index).split('\n').length} ${match[0]}`);
    });
    expect(found).toEqual([]);
  });

  it('refuses only with keys both catalogues know', () => {
    const keys = findAll(LITERAL_KEY).map((f) => ({ at: f.at, key: f.match[1] }));
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !hasMessage(k.key))).toEqual([]);
    expect(catalogKeys('en')).toEqual(catalogKeys('id'));
  });

  it('says every refusal in Indonesian that is not the English sentence', () => {
    const refusals = catalogKeys('id').filter(
      (key) => key.startsWith('msg.') && !key.startsWith('msg.words.'),
    );
    // A few are the same in both languages: placeholders only, or a proper name.
    const same = refusals.filter(
      (key) =>
        translate('id', key) === translate('en', key) &&
        /[a-z]{3}/.test(translate('en', key).replace(/\{\w+\}/g, '')),
    );
    expect(same).toEqual([]);
  });
});
