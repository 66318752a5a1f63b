import type { TemplateKey, TemplateParams } from './gaps';
import type { Formatter } from './messages.format';

export type Template<K extends TemplateKey> = (
  params: TemplateParams[K],
  f: Formatter,
  units: readonly string[],
) => string;

/** One message per template and language; the compiler checks that every template is present. */
export type Catalogue = { readonly [K in TemplateKey]: Template<K> };
