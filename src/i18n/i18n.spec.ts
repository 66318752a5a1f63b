import { catalogKeys, translate } from './i18n';

describe('i18n catalogues', () => {
  it('gives every Indonesian message an English translation and vice versa', () => {
    expect(catalogKeys('en')).toEqual(catalogKeys('id'));
  });

  it('translates into the requested language and fills placeholders', () => {
    expect(translate('id', 'nav.home')).toBe('Beranda');
    expect(translate('en', 'nav.home')).toBe('Home');
  });

  it('shows the key itself when a message is missing, so the gap is visible', () => {
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
