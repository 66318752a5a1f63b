import { loadFramework } from '../framework/framework.loader';
import { levelPlans, scoreWithFramework } from './engine';
import { edit, fullFacts, splUseOf } from './facts.factory';

const framework = loadFramework();

describe('levelPlans (every level judged on its own)', () => {
  it('lists what a unit stuck below level 1 still lacks for levels 3, 4 and 5, with the same levels as the score', () => {
    const facts = edit(fullFacts('B'), (d) => {
      d.evidence = d.evidence.filter((e) => e.indicator !== 18);
      d.reviews = [];
    });
    const options = { basis: 'supported', lang: 'en' } as const;
    const plans = levelPlans(facts, framework, options);
    const score = splUseOf(scoreWithFramework(facts, framework, options));
    expect(plans.units.map((u) => [u.id, u.level])).toEqual(score.units.map((u) => [u.id, u.level]));
    const dinkes = plans.units.find((u) => u.id === 'dinkes')!;
    expect(dinkes.level).toBe(0);
    expect(dinkes.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
    // Level 1's gap is the score's next step; level 4 lacks the review it would need as well.
    expect(dinkes.levels[0].missing.map((m) => m.code)).toEqual(
      score.units[0].next!.missing.map((m) => m.code),
    );
    expect(dinkes.levels[3].met).toBe(false);
    expect(dinkes.levels[3].missing.map((m) => m.code)).toContain('I18_UNIT_L4_NO_REVIEW_IN_WINDOW');
    expect(dinkes.levels[3].missing.map((m) => m.message).join(' ')).toMatch(/review/i);
  });

  it('finds every level met where the score reaches level 5', () => {
    const plans = levelPlans(fullFacts('C'), framework, { basis: 'supported' });
    expect(plans.units.every((u) => u.levels.every((l) => l.met && l.missing.length === 0))).toBe(true);
    expect(plans.indicators['7'].every((l) => l.met)).toBe(true);
    expect(plans.indicators['18'].every((l) => l.met)).toBe(true);
  });

  it('tells a unit without applications to record them at level 3, in words and without a share of nothing', () => {
    const facts = edit(fullFacts('C'), (d) => {
      d.units[0].applications = [];
    });
    const plans = levelPlans(facts, framework, { basis: 'supported' });
    const unit = plans.units.find((u) => u.id === facts.units[0].id)!;
    const third = unit.levels[2].missing;
    expect(third.map((m) => m.code)).toEqual(['I18_UNIT_L3_NO_APPLICATIONS']);
    expect(third[0].message).toMatch(/belum memiliki aplikasi yang tercatat/);
    expect(third[0].message).not.toMatch(/NaN|0 dari 0/);
  });
});
