import { BadRequestException } from '@nestjs/common';
import { Lang, translate } from '../i18n/i18n';
import { EvidenceChoice } from './onboarding.repository';
import { OnboardingItemView } from './onboarding.dto';
import { ONBOARDING_STATUSES, OnboardingStatus } from './onboarding-item.entity';

/** The page forms of the road: dates written the Indonesian way (dd/mm/yyyy) and the evidence picker. */

const DATE_FIELDS = ['startedOn', 'dueOn', 'doneOn'] as const;
const FORM_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** 2026-01-15 as 15/01/2026; '' for none. */
export function formDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The posted form with its dates turned to YYYY-MM-DD and the picker's "none chosen" turned into
 * an empty evidence list; a date that is not a real day written dd/mm/yyyy (or YYYY-MM-DD) is
 * refused with the field's name in the reader's language.
 */
export function readItemForm(body: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  const fields = { ...body };
  for (const field of DATE_FIELDS) {
    const value = fields[field];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const iso = isoOf(value.trim());
    if (!iso)
      throw new BadRequestException(
        translate(lang, 'onboarding.form.badDate', {
          field: translate(lang, `onboarding.form.${field}`),
          value: value.trim(),
        }),
      );
    fields[field] = iso;
  }
  if (fields.evidencePicker !== undefined && fields.evidenceIds === undefined) fields.evidenceIds = [];
  delete fields.evidencePicker;
  return fields;
}

function isoOf(text: string): string | null {
  const parts = FORM_DATE.exec(text);
  const iso = parts
    ? `${parts[3]}-${parts[2].padStart(2, '0')}-${parts[1].padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? text
      : null;
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** An item as its form shows it: dates as dd/mm/yyyy, linked evidence by title, the picker's choices. */
export function itemForm(item: OnboardingItemView, choices: EvidenceChoice[]) {
  const linked = new Set(item.evidenceIds);
  const titles = new Map(choices.map((c) => [c.id, c]));
  return {
    ...item,
    startedText: formDate(item.startedOn),
    dueText: formDate(item.dueOn),
    doneText: formDate(item.doneOn),
    // The form holds what a person recorded: only a done item has a done date (the hub's is not theirs).
    doneInput: item.recordedStatus === 'done' ? formDate(item.doneOn) : '',
    evidence: item.evidenceIds.map((id) => ({ id, title: titles.get(id)?.title ?? id })),
    choices: choices.map((c) => ({ ...c, dateText: formDate(c.documentDate), chosen: linked.has(c.id) })),
  };
}

type ItemForm = ReturnType<typeof itemForm>;

/** A refused form shown again with what the person typed, so nothing they entered is lost. */
export function keepPosted(form: ItemForm, body: Record<string, unknown>): ItemForm {
  const text = (key: string, fallback: string) => (typeof body[key] === 'string' ? body[key] : fallback);
  const picked = body.evidenceIds === undefined ? [] : ([] as unknown[]).concat(body.evidenceIds);
  const status = text('status', form.recordedStatus);
  return {
    ...form,
    recordedStatus: (ONBOARDING_STATUSES as readonly string[]).includes(status)
      ? (status as OnboardingStatus)
      : form.recordedStatus,
    ownerId: text('ownerId', form.ownerId ?? '') || null,
    note: text('note', form.note ?? '') || null,
    startedText: text('startedOn', form.startedText),
    dueText: text('dueOn', form.dueText),
    doneInput: text('doneOn', form.doneInput),
    choices:
      body.evidencePicker === undefined
        ? form.choices
        : form.choices.map((c) => ({ ...c, chosen: picked.includes(c.id) })),
  };
}
