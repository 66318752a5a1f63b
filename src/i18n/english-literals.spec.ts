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
      .filter((match) => !/^\s*(\*|\/\/)/.test(text.slice(text.lastIndexOf('\n', match.index) + 1)))
      .map((match) => ({ at: `${file}:${text.slice(0, match.index).split('\n').length}`, match })),
  );
}

/** `new XException('…')`, `` new XException(`…`) ``, `new XException({ message: '…' })`. */
const LITERAL_EXCEPTION = /new [A-Z]\w*Exception\(\s*(?:\{\s*message:\s*)?[`'"]/g;
/** A refusal or a message built from a literal key: `refuse(Kind, 'msg.x'` and `msg('msg.x'`. */
const LITERAL_KEY = /(?:\brefuse\(\s*\w+,\s*|\bmsg\(\s*)'([^'$]+)'/g;

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
