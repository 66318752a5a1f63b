import { HistoryEntry } from './history.repository';

/** History entries as the pages show them: the fields that changed, old and new values. */
export function historyModel(entries: HistoryEntry[]) {
  return entries.map((e) => ({
    at: e.at,
    actorName: e.actorName,
    action: e.action,
    changes: e.changed.map((field) => ({
      field,
      before: e.before ? show(e.before[field]) : '',
      after: e.after ? show(e.after[field]) : '',
    })),
  }));
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.length ? `${value.length} item(s)` : '–';
  return String(value);
}
