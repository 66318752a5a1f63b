import { csvField, csvLine, neutralise } from './csv';

describe('CSV and spreadsheet cells', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises %j by prefixing a single quote',
    (text) => {
      expect(neutralise(text)).toBe(`'${text}`);
    },
  );

  it('leaves ordinary text, inner signs and numbers alone', () => {
    expect(neutralise('Dinas Kesehatan')).toBe('Dinas Kesehatan');
    expect(neutralise('a=b')).toBe('a=b');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });

  it('quotes fields with commas, quotes and line breaks, after neutralising', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+2\nx')).toBe(`"'=1+2\nx"`);
    expect(csvLine(['x', 1, null])).toBe('x,1,\r\n');
  });
});
