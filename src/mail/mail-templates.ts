import { Lang, isLang, translate } from '../i18n/i18n';
import { dateInWords } from '../i18n/dates';

/** What a queued mail says; it is rendered in the recipient's language when it is sent. */
export interface MailContent {
  kind: string;
  lang: string;
  /** A path of this site. */
  link: string;
  payload: Record<string, unknown>;
}

export interface MailLinks {
  /** APP_URL without a trailing slash. */
  appUrl: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One template, two renderings: every block becomes a paragraph of text and of HTML. */
type Block =
  | { type: 'text'; text: string; muted?: boolean }
  | { type: 'link'; label: string; url: string; button?: boolean }
  | { type: 'list'; items: { text: string; url: string }[] };

export interface DigestEntry {
  kind: string;
  link: string;
  payload: Record<string, unknown>;
}

/** The message's variables plus the words made from codes (a stage's name, a date in words). */
export function messageVars(lang: Lang, payload: Record<string, unknown>): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...payload };
  if (typeof payload.stage === 'string') vars.stageName = translate(lang, `stage.${payload.stage}`);
  if (typeof payload.date === 'string') vars.dateText = dateInWords(lang, payload.date);
  // An overdue SPLP step or checklist item: its name from the catalogue, in the reader's language.
  if (typeof payload.item === 'string') {
    const what = translate(lang, `onboarding.item.${payload.item}`);
    vars.title = typeof payload.application === 'string' ? `${what} – ${payload.application}` : what;
    if (typeof payload.due === 'string') vars.due = dateInWords(lang, payload.due);
  }
  if (typeof payload.days === 'number')
    vars.daysText = translate(lang, `notify.daysLeft.${payload.days <= 1 ? payload.days : 'n'}`, payload);
  return vars;
}

/** The one-line text of an inbox entry, also used for the lines of a digest. */
export function notificationText(lang: Lang, kind: string, payload: Record<string, unknown>): string {
  // A rejection is a "returned" notification too, but it is not a request for revision.
  const key = kind === 'returned' && payload.status === 'rejected' ? 'rejected' : kind;
  return translate(lang, `workflow.notify.${key}`, messageVars(lang, payload));
}

export { dateInWords };

export function renderMail(mail: MailContent, links: MailLinks): RenderedMail {
  const lang: Lang = isLang(mail.lang) ? mail.lang : 'id';
  const vars = messageVars(lang, mail.payload);
  const subject = translate(lang, `mail.subject.${subjectKey(mail)}`, vars);
  const blocks: Block[] = [];
  if (typeof mail.payload.recipientName === 'string')
    blocks.push({
      type: 'text',
      text: translate(lang, 'mail.greeting', { name: mail.payload.recipientName }),
    });
  blocks.push({ type: 'text', text: translate(lang, `mail.body.${bodyKey(mail)}`, vars) });
  if (typeof mail.payload.reason === 'string' && mail.payload.reason.trim())
    blocks.push({
      type: 'text',
      text: translate(lang, 'mail.reason', { reason: mail.payload.reason.trim() }),
    });
  if (mail.kind === 'digest') blocks.push({ type: 'list', items: digestLines(lang, mail.payload, links) });
  blocks.push({
    type: 'link',
    label: translate(lang, 'mail.open'),
    url: pageUrl(links.appUrl, mail.link),
    button: true,
  });
  blocks.push({ type: 'text', text: translate(lang, 'mail.footer.why'), muted: true });
  blocks.push({ type: 'link', label: translate(lang, 'mail.footer.preferences'), url: links.preferencesUrl });
  blocks.push({ type: 'link', label: translate(lang, 'mail.footer.unsubscribe'), url: links.unsubscribeUrl });
  return { subject, text: toText(blocks), html: toHtml(lang, subject, blocks) };
}

function subjectKey(mail: MailContent): string {
  return mail.kind === 'returned' && mail.payload.status === 'rejected' ? 'rejected' : mail.kind;
}

function bodyKey(mail: MailContent): string {
  if (mail.kind === 'deadline') return `deadline.${String(mail.payload.role)}`;
  return subjectKey(mail);
}

function digestLines(lang: Lang, payload: Record<string, unknown>, links: MailLinks) {
  const entries = Array.isArray(payload.items) ? (payload.items as DigestEntry[]) : [];
  return entries.map((e) => ({
    text: notificationText(lang, e.kind, e.payload),
    url: pageUrl(links.appUrl, e.link),
  }));
}

/** Only paths of this site are linked: a stored link can never point elsewhere. */
export function pageUrl(appUrl: string, path: string): string {
  return path.startsWith('/') && !path.startsWith('//') ? `${appUrl}${path}` : `${appUrl}/`;
}

function toText(blocks: Block[]): string {
  return `${blocks
    .map((b) => {
      if (b.type === 'text') return b.text;
      if (b.type === 'link') return `${b.label}: ${b.url}`;
      return b.items.map((i) => `- ${i.text}\n  ${i.url}`).join('\n');
    })
    .join('\n\n')}\n`;
}

function toHtml(lang: Lang, subject: string, blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      if (b.type === 'text')
        return `<p${b.muted ? ' style="color:#666;font-size:13px"' : ''}>${escapeHtml(b.text)}</p>`;
      if (b.type === 'link')
        return b.button
          ? `<p><a href="${escapeHtml(b.url)}" style="display:inline-block;padding:8px 16px;background:#0b5cab;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(b.label)}</a></p>`
          : `<p style="font-size:13px"><a href="${escapeHtml(b.url)}">${escapeHtml(b.label)}</a></p>`;
      const items = b.items
        .map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.text)}</a></li>`)
        .join('');
      return `<ul>${items}</ul>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family:Arial,sans-serif;font-size:15px;color:#222;max-width:640px">\n${body}\n</body></html>\n`;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
