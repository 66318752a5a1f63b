/**
 * Hostile text for the escaping test: each sample names the field it is stored in, so a failure
 * says which field reached a page unescaped.
 */
export function hostile(field: string): string {
  return `<script>alert('${field}')</script>"><img src=x onerror=alert('${field}')>{{7*7}}`;
}

/** What a page must never contain: the markup of a hostile sample, as markup. */
const RAW = [/<script>alert\('([\w.-]+)'\)/g, /<img src=x onerror=alert\('([\w.-]+)'\)>/g];

/** The fields whose hostile text stands raw (unescaped) in `html`. */
export function unescapedFields(html: string): string[] {
  const fields = new Set<string>();
  for (const pattern of RAW) for (const m of html.matchAll(pattern)) fields.add(m[1]);
  return [...fields].sort();
}

/**
 * The fields whose hostile text a page shows at all (escaped or not), to tell a page that
 * escapes a field from a page that does not show it. Handlebars writes `'` as `&#x27;`, `=`
 * as `&#x3D;`.
 */
export function shownFields(html: string): string[] {
  const fields = new Set<string>();
  const text = html.replace(/&#x27;|&#39;/g, "'").replace(/&#x3D;/g, '=');
  for (const m of text.matchAll(/alert\('([\w.-]+)'\)/g)) fields.add(m[1]);
  return [...fields].sort();
}
