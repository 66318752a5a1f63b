import { loadFramework } from '../framework/framework.loader';
import type { Evidence, Facts } from '../scoring/facts.types';
import { readingsApplied } from '../scoring/readings';
import { EVIDENCE_SHOWN, criteriaView, readingsView } from './criteria.view';

const framework = loadFramework();
const levels = [1, 2, 3, 4, 5].map((level) => ({ level, name: '', met: level === 1, codes: [] }));

function view(
  facts: Partial<Facts>,
  options: { indicator?: number; edition?: string; lang?: 'id' | 'en' } = {},
) {
  return criteriaView({
    framework,
    indicator: options.indicator ?? 18,
    edition: options.edition ?? 'B',
    lang: options.lang ?? 'id',
    supported: levels,
    verified: levels,
    facts: { asOf: '2026-10-31', units: [], evidence: [], ...facts },
    titles: new Map([
      ['e1', 'Laporan reviu SPL'],
      ['e2', 'Tangkapan layar sebelum dan sesudah'],
    ]),
  });
}

const evidence = (
  id: string,
  kind: string,
  indicator = 18,
  status: Evidence['status'] = 'submitted',
): Evidence => ({
  id,
  indicator,
  kind,
  status,
  date: '2026-03-01',
});

describe('criteria view', () => {
  it('lists evidence filed under another indicator when it is linked to a review of this one, once per item', () => {
    const v = view({
      evidence: [evidence('e1#7', 'review_report', 7), evidence('e1#18', 'review_report', 18)],
      reviews: [{ id: 'r1', subject: 'spl', date: '2026-05-01', evidence: ['e1#7'] }],
    });
    expect(v.levels[3].items[1].evidence).toEqual([
      { id: 'e1', title: 'Laporan reviu SPL', status: 'submitted', statusLabel: 'Diajukan', counting: true },
    ]);
    expect(v.levels[4].items[1].evidence).toEqual([]);
  });

  it('leaves out evidence of the other indicator that no record of this one links', () => {
    const v = view({ evidence: [evidence('e2', 'before_after', 7)] });
    expect(v.levels[4].items[1].evidence).toEqual([]);
  });

  it('shows counting items first and says how many more there are', () => {
    const many = Array.from({ length: EVIDENCE_SHOWN + 3 }, (_v, i) =>
      evidence(`d${i}`, 'api_list', 18, i === EVIDENCE_SHOWN + 2 ? 'accepted' : 'draft'),
    );
    const item = view({ evidence: many }).levels[0].items[0];
    expect(item.evidence).toHaveLength(EVIDENCE_SHOWN);
    expect(item.evidence[0]).toMatchObject({ id: `d${EVIDENCE_SHOWN + 2}`, counting: true });
    expect(item.more).toBe(3);
    expect(item.kinds.find((k) => k.kind === 'api_list')?.has).toBe(true);
  });

  it('marks SPLP onboarding as counting for an SPLP integration only, where the edition counts it', () => {
    const kinds = view({}, { edition: 'A' }).levels[3].items[0].kinds;
    expect(kinds.find((k) => k.kind === 'splp_onboarding')).toMatchObject({
      splpOnly: true,
      label: 'Dokumen onboarding SPLP (hanya untuk integrasi dengan SPLP)',
    });
  });

  it('gives the official Indonesian beside the English translation of a verbatim text only', () => {
    const en = view({}, { lang: 'en' });
    expect(en.levels[1].fulfilment).toMatchObject({
      verbatim: true,
      form: 'English translation of the official text',
      official: expect.stringContaining('sebagaian'),
    });
    const policy = view({}, { indicator: 7, lang: 'en' }).levels[0].text;
    expect(policy).toMatchObject({
      verbatim: false,
      official: null,
      form: 'Paraphrase, not the official text',
    });
  });
});

describe('readings view', () => {
  const inputs = {
    reviewWindowMonths: 18,
    reviewWindowFromInput: true,
    coverageTarget: 0.8,
    coverageTargetApplies: true,
  };

  it('states each value with where it comes from', () => {
    const readings = readingsView(
      readingsApplied(inputs, 'id'),
      18,
      { edition: 'C', reviewWindowMonths: 18 },
      'id',
    );
    expect(readings.find((r) => r.key === 'reviewWindow')?.value).toBe('18 bulan (setelan periode)');
    const byEdition = readingsView(
      readingsApplied({ ...inputs, reviewWindowMonths: 24 }, 'id'),
      18,
      { edition: 'C', reviewWindowMonths: null },
      'id',
    );
    // The app's facts always carry the window: the period says whether an admin set it.
    expect(byEdition.find((r) => r.key === 'reviewWindow')?.value).toBe('24 bulan (bawaan edisi C)');
    expect(readings.find((r) => r.key === 'coverage')?.value).toBe('80%');
    expect(readings.find((r) => r.key === 'levelZero')?.value).toBeNull();
  });

  it('leaves the unit-level reading off Indicator 7', () => {
    const keys = (n: number | null) =>
      readingsView(readingsApplied(inputs, 'en'), n, { edition: 'C', reviewWindowMonths: null }, 'en').map(
        (r) => r.key,
      );
    expect(keys(7)).not.toContain('unitLevel2');
    expect(keys(18)).toContain('unitLevel2');
    expect(keys(null)).toContain('unitLevel2');
  });
});
