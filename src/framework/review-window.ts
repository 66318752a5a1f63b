import { loadFramework } from './framework.loader';
import type { Framework } from './framework.schema';

export interface ReviewWindowSetting {
  readonly months: number;
  /** `period`: an admin set it for the period; `edition`: the criteria edition's default. */
  readonly source: 'period' | 'edition';
}

/**
 * The review window a period applies: its own setting, else its edition's default (12 months
 * for editions A and B, 24 for C). The criteria say only "secara periodik": this is a reading.
 */
export function reviewWindowOf(
  period: { readonly edition: string; readonly reviewWindowMonths: number | null },
  framework: Framework = loadFramework(),
): ReviewWindowSetting {
  if (period.reviewWindowMonths !== null) return { months: period.reviewWindowMonths, source: 'period' };
  const edition = framework.editions[period.edition] ?? framework.editions[framework.defaultEdition];
  return { months: edition.rules.reviewWindowMonths, source: 'edition' };
}
