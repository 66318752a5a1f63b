import { pemdiPageView } from './pemdi-page.view';
import type { PemdiIndicatorRow, PemdiView } from './pemdi.service';

const text = (id: string, en = id) => ({ id, en });

/** I16 with the criteria of levels 4 and 5 met while level 1 is not (supported level 0). */
function view(): PemdiView {
  const i16 = {
    code: 'I16',
    aspect: 'A6',
    name: text('Integrasi Aplikasi', 'Application Integration'),
    weight: '4',
    mode: 'evidence',
    claimed: null,
    validated: null,
    supported: 0,
    verified: 0,
    criteria: [1, 2, 3, 4, 5].map((level) => ({
      level,
      met: level >= 4,
      codes: [],
      text: text(`Teks level ${level}`, `Level ${level} text`),
    })),
    external: null,
    level: { hundredths: null, from: null },
    levelDisplay: null,
    provisional: null,
    evidenceIds: [],
  } as unknown as PemdiIndicatorRow;
  const i5 = { ...i16, code: 'I5', name: text('Tata Kelola Data', 'Data Governance'), criteria: null };
  return {
    year: 2026,
    framework: { id: 'pemdi-2026', version: '2026.1', title: text('Evaluasi Kinerja'), hash: 'x' },
    aspects: [{ code: 'A6', name: text('Keterpaduan'), weight: '15', display: null, indicators: [i5, i16] }],
    index: { index: null, display: null, predicate: null, complete: false, missing: ['I5'], aspects: {} },
    bands: [{ min: '2.50', name: text('Baik', 'Developing') }],
    frozen: false,
  };
}

describe('pemdiPageView', () => {
  it('does not read a met level above an unmet lower one as achieved', () => {
    const page = pemdiPageView(view(), 'id');
    const criteria = page.aspects[0].indicators[1].criteria!;
    expect(criteria.map((c) => c.state)).toEqual(['unmet', 'unmet', 'unmet', 'held', 'held']);
    expect(criteria[3].stateLabel).toBe('terpenuhi tetapi tertahan level di bawahnya');
    expect(criteria[0].stateLabel).toBe('belum terpenuhi');
    expect(pemdiPageView(view(), 'en').aspects[0].indicators[1].criteria![4].stateLabel).toBe(
      'met, but held back by a lower level',
    );
  });

  it('names the framework, aspects, indicators and missing indicators in words, not codes', () => {
    const page = pemdiPageView(view(), 'id');
    expect(page.framework).toBe('versi 2026.1');
    expect(page.aspects[0].label).toBe('Aspek 6');
    expect(page.aspects[0].indicators[1].label).toBe('Indikator 16');
    expect(page.missing).toBe('Indikator 5 Tata Kelola Data');
    expect(pemdiPageView(view(), 'en').missing).toBe('Indicator 5 Data Governance');
  });
});
