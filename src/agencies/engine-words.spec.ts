import { engineTextForPeople, recordIdsIn } from './engine-words';

const UNIT = '11111111-2222-4333-8444-555555555555';
const POLICY = '99999999-2222-4333-8444-555555555555';
const names = new Map([
  [UNIT, { name: 'Dinas Kesehatan' }],
  [POLICY, { name: 'Perbup SPL (7/2025)' }],
]);

describe('engine texts for people', () => {
  it('names records and says kinds and statuses in words', () => {
    const text = engineTextForPeople(
      `Unggah dokumentasi indikator 18 berjenis operating_documentation atau integration_screenshot yang mencakup unit ${UNIT}, berstatus submitted atau accepted. Kebijakan ${POLICY}.`,
      'id',
      names,
    );
    expect(text).toBe(
      'Unggah dokumentasi indikator 18 berjenis "Dokumentasi pengoperasian SPL" atau "Tangkapan layar integrasi" yang mencakup unit Dinas Kesehatan, berstatus diajukan atau diterima. Kebijakan Perbup SPL (7/2025).',
    );
  });

  it('replaces field names the engine mentions and never shows an unknown id', () => {
    const text = engineTextForPeople(
      'Tetapkan kebijakan baru yang menggantikan kebijakan sebelumnya (replaces berisi id-nya); tetapkan kebijakan dengan regulatesSplpConnection true. Reviu 00000000-0000-4000-8000-000000000000.',
      'id',
      names,
    );
    expect(text).not.toMatch(/replaces|regulatesSplpConnection|00000000-/);
    expect(
      engineTextForPeople(
        `Unit ${UNIT} belum memiliki aplikasi yang tercatat: hubungkan minimal satu aplikasi melalui SPL (viaSpl).`,
        'id',
        names,
      ),
    ).toBe(
      'Unit Dinas Kesehatan belum memiliki aplikasi yang tercatat: hubungkan minimal satu aplikasi melalui SPL.',
    );
    expect(text).toContain('isian "Menggantikan" menunjuk kebijakan sebelumnya');
  });

  it('speaks English to English readers', () => {
    expect(engineTextForPeople('evidence of kind api_list with status submitted', 'en', names)).toBe(
      'evidence of kind "API list" with status submitted',
    );
  });

  it('names a review once, not its name and then its date again', () => {
    const REVIEW = '77777777-2222-4333-8444-555555555555';
    const reviews = new Map([[REVIEW, { name: 'the SPL policy review of 2026-09-07' }]]);
    expect(
      engineTextForPeople(
        `dated on or after 2026-09-08 (after the policy review ${REVIEW} of 2026-09-07)`,
        'en',
        reviews,
      ),
    ).toBe('dated on or after 2026-09-08 (after the SPL policy review of 2026-09-07)');
    const reviu = new Map([[REVIEW, { name: 'reviu kebijakan SPL tanggal 2026-09-07' }]]);
    expect(
      engineTextForPeople(`(setelah reviu kebijakan ${REVIEW} tanggal 2026-09-07) dan`, 'id', reviu),
    ).toBe('(setelah reviu kebijakan SPL tanggal 2026-09-07) dan');
    expect(engineTextForPeople(`terlalu baru: ${REVIEW} (2026-09-07), maka`, 'id', reviu)).toBe(
      'terlalu baru: reviu kebijakan SPL tanggal 2026-09-07, maka',
    );
  });

  it('finds every id it would name, once, so that reading only those records names the same', () => {
    const texts = [`Units below level 2: ${UNIT} and ${POLICY}.`, `replaces ${POLICY}`, 'no record here'];
    expect(recordIdsIn(texts)).toEqual([UNIT, POLICY]);
    const only = new Map([...names].filter(([id]) => recordIdsIn(texts).includes(id)));
    for (const text of texts)
      expect(engineTextForPeople(text, 'en', only)).toBe(engineTextForPeople(text, 'en', names));
  });
});
