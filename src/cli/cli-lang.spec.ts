import { CliError, CliLang, langInArgs } from './cli-lang';

describe('CliLang', () => {
  it('speaks --lang, else the fallback (SPBE_LANG)', () => {
    const lang = new CliLang('en');
    expect(lang.say('cli.levels.none')).toBe('No period that is not final: nothing to recompute.');
    lang.choose('id');
    expect(lang.say('cli.levels.none')).toBe(
      'Tidak ada periode yang belum final: tidak ada yang dihitung ulang.',
    );
  });

  it('refuses a language it does not know, in the words of the catalogue', () => {
    const lang = new CliLang('id');
    expect(() => lang.choose('fr')).toThrow(CliError);
    try {
      lang.choose('fr');
    } catch (error) {
      expect(lang.describe(error)).toBe('--lang: bahasa "fr" tidak dikenal; pilih salah satu dari id, en');
    }
  });
});

describe('langInArgs', () => {
  it.each([
    [['migrate', 'show', '--lang', 'en'], 'en'],
    [['evidence', 'verify', '--lang=id'], 'id'],
    [['migrate', 'show', '--lang', 'fr'], undefined],
    [['migrate', 'show'], undefined],
    [['migrate', 'show', '--lang'], undefined],
  ])('reads %j as %s', (args, lang) => {
    expect(langInArgs(args)).toBe(lang);
  });
});
