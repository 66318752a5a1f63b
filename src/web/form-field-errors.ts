/**
 * Each field a refusal names, marked in the form that was posted: the control gets
 * `aria-invalid="true"` and `aria-describedby` naming a message placed right after it, and the
 * first one `autofocus`, so the page opens on it. It runs over the rendered page (the layout's
 * body), so every form gets it without its template repeating it. The markup is our templates'
 * own output, where Handlebars escapes `<`, `>` and `"` inside values, so a tag ends at its
 * first `>` and an attribute at its closing quote.
 */

/** What `submitForm` leaves for the layout after a refusal: where the form posted, and each field's problem. */
export interface PostedForm {
  /** The posted address without its query: the `action` of the form to mark. */
  path: string;
  /** The problem by field name, as it reads beside the field. */
  errors: Record<string, string>;
  /** What was sent: of several forms posting to `path`, the one whose hidden fields hold these is the one. */
  values?: Record<string, unknown>;
}

const FORM = /<form\b[^>]*>[\s\S]*?<\/form>/gi;
const CONTROL = /<(input|select|textarea)\b[^>]*>/gi;
const NOT_TYPED = new Set(['hidden', 'submit', 'button', 'reset', 'image']);

export function markFieldErrors(html: string, posted: PostedForm | undefined): string {
  if (!posted || !Object.keys(posted.errors).length) return html;
  const candidates = (html.match(FORM) ?? []).filter((form) => postsTo(form, posted.path));
  const sent = candidates.filter((form) => hiddenMatch(form, posted.values ?? {}));
  const chosen = new Set(sent.length ? sent : candidates);
  let marked = 0;
  const names = new Map<string, string>();
  for (const form of chosen)
    for (const [field, label] of fieldLabels(html, form, posted.errors)) names.set(field, label);
  const out = html.replace(FORM, (form) => {
    if (!chosen.has(form)) return form;
    const prefix = marked ? `field-error-${marked + 1}-` : 'field-error-';
    const result = markForm(form, posted.errors, prefix, marked === 0);
    if (result !== form) marked++;
    return result;
  });
  return nameFieldsInAlerts(out, names);
}

/** Each refused field's label as the form shows it (`<label for>` of its control, still HTML-escaped), markup and marks left out. */
function fieldLabels(html: string, form: string, errors: Record<string, string>): Map<string, string> {
  const found = new Map<string, string>();
  for (const control of form.matchAll(CONTROL)) {
    const field = attribute(control[0], 'name')?.replace(/\[\]$/, '');
    const id = attribute(control[0], 'id');
    if (!field || !id || found.has(field) || !Object.hasOwn(errors, field)) continue;
    const label = new RegExp(
      `<label\\b[^>]*\\sfor="${id.replace(/[^A-Za-z0-9_-]/g, '')}"[^>]*>([\\s\\S]*?)</label>`,
      'i',
    ).exec(html);
    const text = label?.[1]
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/[\s*:]+$/, '')
      .trim();
    if (text) found.set(field, text);
  }
  return found;
}

/**
 * The alert above the form says which field each message is about by the field's label, as the
 * form shows it ("Alamat dasar: harus URL"), not by its name in the request ("baseUrl: ...").
 */
function nameFieldsInAlerts(html: string, names: Map<string, string>): string {
  if (!names.size) return html;
  return html.replace(
    /(<(div|p)\b[^>]*\srole="alert"[^>]*>)([\s\S]*?)(<\/\2>)/gi,
    (_m, open: string, _tag, inner: string, close: string) => {
      let text = inner;
      for (const [field, label] of names)
        text = text.replace(
          new RegExp(`(^|[\\s;.,(])${field.replace(/[^A-Za-z0-9_]/g, '')}: `, 'g'),
          `$1${label}: `,
        );
      return open + text + close;
    },
  );
}

interface Edit {
  at: number;
  /** Characters of the original replaced (0 for an insertion). */
  length: number;
  text: string;
}

function markForm(form: string, errors: Record<string, string>, prefix: string, focus: boolean): string {
  const edits: Edit[] = [];
  const messages = new Map<string, Edit>();
  for (const control of form.matchAll(CONTROL)) {
    const tag = control[0];
    const at = control.index;
    const field = attribute(tag, 'name')?.replace(/\[\]$/, '');
    const type = (attribute(tag, 'type') ?? '').toLowerCase();
    if (!field || !Object.hasOwn(errors, field) || NOT_TYPED.has(type)) continue;
    const id = `${prefix}${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    edits.push({ at, length: tag.length, text: invalid(tag, id, focus && !edits.length) });
    // One message per field, after its last control (a group of tick boxes has several).
    messages.set(field, {
      at: messagePlace(form, at + tag.length, control[1].toLowerCase(), type),
      length: 0,
      text: `<p class="field-error" id="${id}">${escapeHtml(errors[field])}</p>`,
    });
  }
  if (!edits.length) return form;
  // In order of place; an insertion at the place a tag starts goes before that tag.
  const all = [...edits, ...messages.values()].sort((a, b) => a.at - b.at || a.length - b.length);
  let out = '';
  let cursor = 0;
  for (const edit of all) {
    out += form.slice(cursor, edit.at) + edit.text;
    cursor = edit.at + edit.length;
  }
  return out + form.slice(cursor);
}

/** A form posting to `path`: method post, and its action that path (no action posts to the page itself). */
function postsTo(form: string, path: string): boolean {
  const open = /^<form\b[^>]*>/i.exec(form)?.[0] ?? '';
  if ((attribute(open, 'method') ?? '').toLowerCase() !== 'post') return false;
  const action = attribute(open, 'action');
  return action === undefined || unescapeHtml(action).split(/[?#]/)[0] === path;
}

/** Whether each hidden field of the form (but the token and the version) holds the value sent. */
function hiddenMatch(form: string, values: Record<string, unknown>): boolean {
  for (const control of form.matchAll(CONTROL)) {
    const tag = control[0];
    if ((attribute(tag, 'type') ?? '').toLowerCase() !== 'hidden') continue;
    const name = attribute(tag, 'name');
    if (!name || name === '_csrf' || name === 'version' || !(name in values)) continue;
    const sent = values[name];
    const value = unescapeHtml(attribute(tag, 'value') ?? '');
    if (Array.isArray(sent) ? !sent.map(String).includes(value) : String(sent) !== value) return false;
  }
  return true;
}

/** The control with the marks; an existing `aria-describedby` keeps its ids. */
function invalid(tag: string, id: string, focus: boolean): string {
  const described = attribute(tag, 'aria-describedby');
  const bare = tag.replace(/\s+aria-(invalid|describedby)="[^"]*"/gi, '').replace(/\s*\/?>$/, '');
  const marks = ` aria-invalid="true" aria-describedby="${described ? `${described} ` : ''}${id}"`;
  return `${bare}${marks}${focus ? ' autofocus' : ''}>`;
}

/**
 * Where the message goes: after the control (after `</select>` or `</textarea>`), out of a
 * `<label>` that wraps it, and for a tick box or a radio in a fieldset, at the fieldset's end.
 */
function messagePlace(form: string, afterTag: number, element: string, type: string): number {
  let place = afterTag;
  if (element === 'select' || element === 'textarea') {
    const close = form.toLowerCase().indexOf(`</${element}>`, place);
    if (close >= 0) place = close + element.length + 3;
  }
  const rest = form.slice(place);
  if (type === 'checkbox' || type === 'radio') {
    const fieldsetEnd = rest.search(/<\/fieldset>/i);
    const fieldsetStart = rest.search(/<fieldset\b/i);
    if (fieldsetEnd >= 0 && (fieldsetStart < 0 || fieldsetEnd < fieldsetStart)) return place + fieldsetEnd;
  }
  const label = /^[^<]*<\/label>/i.exec(rest);
  return label ? place + label[0].length : place;
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];
}

/** Escaped as Handlebars escapes `{{value}}`, so the message reads the same as the alert above. */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => ESCAPES[c]);
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCharCode(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
