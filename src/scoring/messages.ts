import type { Gap } from './gaps';
import { EN } from './messages.en';
import { formatter, type Formatter } from './messages.format';
import { ID } from './messages.id';
import type { Catalogue } from './messages.types';
import type { Lang, MissingItem } from './scoring.types';

const CATALOGUES: Record<Lang, Catalogue> = { id: ID, en: EN };
const FORMATTERS: Record<Lang, Formatter> = { id: formatter('id'), en: formatter('en') };

type AnyTemplate = (params: unknown, f: Formatter, units: readonly string[]) => string;

/** Renders a gap as a missing item in the requested language. */
export function renderGap(item: Gap, lang: Lang): MissingItem {
  // gap() keeps template and params matched; TypeScript cannot follow that correlation
  // through the catalogue index, so the template is widened here.
  const template = CATALOGUES[lang][item.template] as AnyTemplate;
  const message = template(item.params, FORMATTERS[lang], item.units ?? []);
  return item.units ? { code: item.code, message, units: [...item.units] } : { code: item.code, message };
}
