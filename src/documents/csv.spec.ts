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

  it('quotes every text field, after neutralising', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+2\nx')).toBe(`"'=1+2\nx"`);
    expect(csvLine(['x', 1, null])).toBe('"x",1,\r\n');
  });

  it.each([';', '\t', ','])('keeps a field with %j in one cell for a spreadsheet splitting on it', (sep) => {
    const line = csvLine(['Dinas', `Dinas${sep}=cmd|' /C calc'!A0`, 3]);
    // Split as a spreadsheet using that separator would, outside quotes only.
    const cells = splitOutsideQuotes(line.trimEnd(), sep);
    expect(cells.some((c) => /^=/.test(c))).toBe(false);
    if (sep === ',') expect(cells).toHaveLength(3);
  });
});

function splitOutsideQuotes(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) {
      cells.push(cell);
      cell = '';
      continue;
    }
    cell += ch;
  }
  return [...cells, cell];
}
