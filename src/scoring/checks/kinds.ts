import type { KindSetName } from '../../framework/framework.schema';
import type { ScoringContext } from '../scoring.context';

/** The evidence kinds of the named kind sets, in order and without repeats, for gap messages. */
export function kindList(ctx: ScoringContext, names: readonly KindSetName[]): readonly string[] {
  if (names.length === 1) return ctx.kindLists[names[0]];
  return [...new Set(names.flatMap((name) => ctx.kindLists[name]))];
}
