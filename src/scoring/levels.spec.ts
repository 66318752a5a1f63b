import { ladderState, levelFromGaps } from './levels';

describe('ladderState', () => {
  it('reads a level at or below the level reached as reached', () => {
    expect(ladderState(1, true, 2)).toBe('reached');
    expect(ladderState(2, true, 2)).toBe('reached');
  });

  it('reads a met level above an unmet lower one as held, not reached', () => {
    const gaps = [[{ code: 'X' }], [], [], [], []] as never;
    const reached = levelFromGaps(gaps);
    expect(reached).toBe(0);
    expect(ladderState(4, true, reached)).toBe('held');
    expect(ladderState(1, false, reached)).toBe('unmet');
  });
});
