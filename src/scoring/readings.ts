import { formatter } from './messages.format';
import type { Lang } from './scoring.types';

/**
 * The readings the engine applies where the official criteria text leaves room. They travel
 * with every result so that a page or report can declare them with their values.
 */
export type ReadingKey = 'reviewWindow' | 'levelZero' | 'unitLevel2' | 'coverage' | 'linkedEvidence';

export interface Reading {
  readonly key: ReadingKey;
  /** The value applied (months, a share), when the reading has one. */
  readonly value?: number;
  /**
   * Where the value comes from: the facts (`input`; the app's facts always carry the window, so
   * a page asks its period whether an admin set it) or the edition's default.
   */
  readonly source?: 'input' | 'edition';
  readonly text: string;
}

export interface ReadingInputs {
  readonly reviewWindowMonths: number;
  readonly reviewWindowFromInput: boolean;
  readonly coverageTarget: number;
  readonly coverageTargetApplies: boolean;
}

type Texts = Record<ReadingKey, (inputs: ReadingInputs) => string>;

const TEXTS: Record<Lang, Texts> = {
  id: {
    reviewWindow: ({ reviewWindowMonths }) =>
      `Kriteria hanya menyebut reviu "secara periodik"/"berkala". Tafsiran tim penilai: reviu terhitung bila bertanggal dalam ${reviewWindowMonths} bulan kalender terakhir sebelum tanggal penilaian.`,
    levelZero: () =>
      'Level 1 berbunyi "belum atau telah tersedia". Tafsiran: level 1 diberikan bila ada bukti dukung level 1 yang terhitung; tanpa bukti itu hasilnya level 0.',
    unitLevel2: () =>
      'Unit kerja dianggap telah menerapkan SPL (level 2) bila sedikitnya satu aplikasinya menggunakan SPL dan bukti dukung dokumentasi formal mencakup unit tersebut.',
    coverage: ({ coverageTarget, coverageTargetApplies }) =>
      coverageTargetApplies
        ? `"Seluruh unit kerja" dibaca sebagai cakupan minimal ${formatter('id').percent(coverageTarget)} unit dalam lingkup penilaian (target cakupan periode), dengan unit di luar lingkup dikecualikan.`
        : '"Seluruh unit kerja" dibaca sebagai seluruh unit dalam lingkup penilaian (100%); unit di luar lingkup dikecualikan dengan alasan tertulis.',
    linkedEvidence: () =>
      'Bukti dukung yang ditautkan ke kebijakan, reviu, tindak lanjut atau integrasi terhitung apa pun indikator tempat bukti itu diunggah; jenisnya yang menentukan.',
  },
  en: {
    reviewWindow: ({ reviewWindowMonths }) =>
      `The criteria say only that the review is "periodic". The evaluation team's reading: a review counts when dated within the ${reviewWindowMonths} calendar months before the assessment date.`,
    levelZero: () =>
      'Level 1 reads "not yet or already available". Reading: level 1 is given when counting level-1 evidence exists; without it the result is level 0.',
    unitLevel2: () =>
      'A unit has applied the SPL (level 2) when at least one of its applications uses the SPL and counting formal documentation covers the unit.',
    coverage: ({ coverageTarget, coverageTargetApplies }) =>
      coverageTargetApplies
        ? `"All units" is read as at least ${formatter('en').percent(coverageTarget)} of the units in scope (the period's coverage target); units out of scope are left out.`
        : '"All units" is read as every unit in scope (100%); units are left out of scope only with a written reason.',
    linkedEvidence: () =>
      'Evidence linked to a policy, review, follow-up or integration counts whatever indicator it was filed under; its kind decides.',
  },
};

const KEYS: readonly ReadingKey[] = ['reviewWindow', 'levelZero', 'unitLevel2', 'coverage', 'linkedEvidence'];

export function readingsApplied(inputs: ReadingInputs, lang: Lang): Reading[] {
  return KEYS.map((key) => {
    const text = TEXTS[lang][key](inputs);
    if (key === 'reviewWindow') {
      const source = inputs.reviewWindowFromInput ? 'input' : 'edition';
      return { key, value: inputs.reviewWindowMonths, source, text };
    }
    if (key === 'coverage') return { key, value: inputs.coverageTarget, text };
    return { key, text };
  });
}
