import { niceTicks } from './pdf-charts';

describe('chart axis ticks', () => {
  it('uses round steps that reach the maximum', () => {
    expect(niceTicks(0, 212000)).toEqual([0, 100000, 200000, 300000]);
    expect(niceTicks(97, 100)).toEqual([97, 98, 99, 100]);
  });

  it('keeps count axes at whole numbers', () => {
    expect(niceTicks(0, 2, true)).toEqual([0, 1, 2]);
    expect(niceTicks(0, 23, true)).toEqual([0, 10, 20, 30]);
  });
});
