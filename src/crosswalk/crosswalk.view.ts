import { numberOf } from '../framework/crosswalk';
import type { Lang } from '../i18n/i18n';
import type { CrosswalkPreview, IndicatorRef } from './crosswalk-carry.service';

const named = (lang: Lang) => (ref: IndicatorRef) => ({ code: ref.code, name: ref.name[lang] });

/**
 * The confirm page: each item with its indicators in the earlier period and in this one. An item
 * is chosen by default unless a copy of it is here already or nothing of it maps; related
 * indicators are offered unchosen.
 */
export function confirmPageView(preview: CrosswalkPreview, lang: Lang) {
  const name = named(lang);
  return {
    fromYear: preview.fromYear,
    toYear: preview.toYear,
    from: preview.from,
    to: preview.to,
    mappings: preview.mappings.map((m) => ({
      from: name(m.from),
      // SPBE 2020 numbers its indicators: "Indikator 18".
      fromNumber: numberOf(m.from.code) ?? m.from.code,
      to: name(m.to),
      related: m.related.map(name),
      note: m.note[lang],
      provisional: m.provisional,
    })),
    items: preview.items.map((item) => ({
      ...item,
      from: item.from.map(name),
      to: item.to.map(name),
      related: item.related.map(name),
      unmapped: item.unmapped.map(name),
      carryable: item.to.length > 0,
      chosen: item.to.length > 0 && !item.carriedAlready,
    })),
    carryable: preview.items.some((i) => i.to.length > 0),
  };
}

const list = (value: unknown): string[] =>
  value === undefined || value === '' ? [] : (Array.isArray(value) ? value : [value]).map(String);

/**
 * The commit the form sends: `items` as "id:version" of each item ticked, `related` as "id:code"
 * of each related indicator ticked (added to that item's mapped ones).
 */
export function commitFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const related = new Map<string, string[]>();
  for (const pair of list(body.related)) {
    const [id, code] = pair.split(':');
    related.set(id, [...(related.get(id) ?? []), code]);
  }
  const mapped = new Map<string, string[]>();
  for (const pair of list(body.mapped)) {
    const [id, codes] = pair.split(':');
    mapped.set(id, codes ? codes.split(',') : []);
  }
  return {
    fromYear: Number(body.fromYear),
    items: list(body.items).map((pair) => {
      const [evidenceId, version] = pair.split(':');
      const extra = related.get(evidenceId);
      return {
        evidenceId,
        version: Number(version),
        ...(extra ? { indicators: [...(mapped.get(evidenceId) ?? []), ...extra] } : {}),
      };
    }),
  };
}
