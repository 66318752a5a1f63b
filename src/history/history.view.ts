import { DEFAULT_LANG, Lang, hasMessage, translate } from '../i18n/i18n';
import { formatNumber } from '../i18n/numbers';
import { HistoryEntry } from './history.repository';

/** History entries as the pages show them: the fields that changed, old and new values, in words. */
export function historyModel(
  entries: HistoryEntry[],
  lang: Lang = DEFAULT_LANG,
  names: ReadonlyMap<string, { name: string }> = new Map(),
) {
  return entries.map((e) => ({
    at: e.at,
    actorName: e.actorName,
    action: e.action,
    changes: e.changed
      .filter((field) => !HIDDEN_FIELDS.has(field))
      .map((field) => ({
        field,
        label: FIELD_LABELS[field] ? translate(lang, FIELD_LABELS[field]) : field,
        before: e.before ? show(lang, field, e.before[field], names) : '',
        after: e.after ? show(lang, field, e.after[field], names) : '',
      })),
  }));
}

/** Fields no person edits (the period an item belongs to is chosen once, where it is created). */
const HIDDEN_FIELDS = new Set(['periodId', 'period']);

const FIELD_LABELS: Readonly<Record<string, string>> = {
  code: 'data.units.code',
  name: 'data.units.name',
  kind: 'evidence.kind',
  inScope: 'data.units.scope',
  outOfScopeReason: 'data.units.reason',
  title: 'evidence.titleCol',
  number: 'data.policies.number',
  legalForm: 'data.policies.legalForm',
  status: 'evidence.status',
  date: 'msg.field.date',
  allUnits: 'evidence.allUnits',
  units: 'evidence.units',
  unitIds: 'evidence.units',
  regulatesSplUse: 'data.policies.splUse',
  regulatesSplpConnection: 'data.policies.splp',
  replaces: 'data.policies.replaces',
  replacesId: 'data.policies.replaces',
  evidence: 'evidence.title',
  evidenceIds: 'evidence.title',
  subject: 'data.reviews.subject',
  findings: 'data.reviews.findings',
  documentNumber: 'evidence.number',
  documentDate: 'evidence.date',
  indicators: 'msg.field.indicators',
  statusReason: 'msg.field.statusReason',
  description: 'evidence.description',
  url: 'msg.field.url',
  capturedAt: 'evidence.capturedAt',
  carriedFromId: 'evidence.carried',
  files: 'evidence.filesLabel',
};

/** Catalogue prefixes of coded values, by field; the first that knows the value names it. */
const VALUE_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  kind: ['kind', 'data.kind'],
  status: ['status', 'data.policyStatus'],
  legalForm: ['data.legalForm'],
  subject: ['data.subject'],
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function show(
  lang: Lang,
  field: string,
  value: unknown,
  names: ReadonlyMap<string, { name: string }>,
): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return translate(lang, value ? 'data.yes' : 'data.no');
  if (Array.isArray(value)) {
    if (!value.length) return '–';
    const named = value.map((v) => (typeof v === 'string' ? names.get(v)?.name : undefined));
    if (named.every((n) => n !== undefined)) return named.join(', ');
    if (value.every((v) => typeof v === 'number')) return value.join(', ');
    return translate(lang, 'msg.history.items', { count: formatNumber(lang, value.length) });
  }
  const text = String(value);
  if (ID.test(text)) return names.get(text)?.name ?? translate(lang, 'msg.words.unnamed');
  for (const prefix of VALUE_PREFIXES[field] ?? []) {
    if (hasMessage(`${prefix}.${text}`)) return translate(lang, `${prefix}.${text}`);
  }
  return text;
}
