import { Lang, translate } from './i18n';

/**
 * A message a person will read, kept as a catalogue key and its values until the language of the
 * reader is known. A value may itself be a message (a role, a stage, an action, each a word from
 * the catalogue) or a list of them, joined with commas.
 */
export interface Message {
  key: string;
  params?: MessageParams;
}
export type MessageParam = string | number | boolean | Message | readonly MessageParam[];
export type MessageParams = Record<string, MessageParam>;

export function msg(key: string, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { key?: unknown }).key === 'string'
  );
}

/** The message in `lang`, with every nested message translated too. */
export function render(lang: Lang, message: Message): string {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) values[name] = renderParam(lang, value);
  return translate(lang, message.key, values);
}

function renderParam(lang: Lang, value: MessageParam): string {
  if (Array.isArray(value)) {
    return (value as readonly MessageParam[]).map((v) => renderParam(lang, v)).join(', ');
  }
  if (isMessage(value)) return render(lang, value);
  return String(value);
}
