import type { Lang } from '../i18n/i18n';
import { type Message, render } from '../i18n/message';
import type { HubImportOutcome } from './hub-import.service';
import type { HubImportView } from './hub-imports.repository';
import type { RowProblem } from './parsers';

/** A problem as a person reads it: its place (line, entry, path) and its reason in `lang`. */
export interface ProblemText extends Omit<RowProblem, 'reason'> {
  reason: string;
  /** The catalogue key of the reason, for machine clients; absent on rows stored as text. */
  code?: string;
}

/** Rows stored before reasons were messages hold plain text: shown as it is. */
export function problemText(lang: Lang, problem: RowProblem): ProblemText {
  const { reason, ...place } = problem;
  if (typeof reason === 'string') return { ...place, reason };
  return { ...place, reason: render(lang, reason), code: reason.key };
}

export function importInLang(lang: Lang, view: HubImportView) {
  return { ...view, problems: view.problems.map((p) => problemText(lang, p)) };
}

/** The outcome of an import with its message and problems in `lang`, for the API and the page. */
export function outcomeInLang(lang: Lang, outcome: HubImportOutcome) {
  const view = outcome.import ? importInLang(lang, outcome.import) : null;
  if (outcome.status === 'created') return { ...outcome, import: view };
  const message = renderMessage(lang, outcome.message);
  if (outcome.status === 'duplicate') return { ...outcome, import: view, message };
  return { ...outcome, import: view, message, problems: outcome.problems.map((p) => problemText(lang, p)) };
}

function renderMessage(lang: Lang, message: Message): string {
  return render(lang, message);
}
