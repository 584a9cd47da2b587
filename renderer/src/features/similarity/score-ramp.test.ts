import { describe, expect, it } from 'vitest';
import { colorsFor, rampColor, rampPosition } from './score-ramp';

describe('similarity colour ramp', () => {
  it('runs from yellow (weakest) to red (best) and clamps outside [0, 1]', () => {
    expect(rampColor(0)).toBe('hsl(55, 95%, 62%)');
    expect(rampColor(1)).toBe('hsl(0, 95%, 42%)');
    expect(rampColor(-3)).toBe(rampColor(0));
    expect(rampColor(7)).toBe(rampColor(1));
    expect(rampColor(Number.NaN)).toBe(rampColor(0));
  });

  it('spreads scores over the shown range, threshold to best', () => {
    expect(rampPosition(0.5, 0.3, 0.7)).toBeCloseTo(0.5);
    expect(rampPosition(0.4, 0.4, 0.4)).toBe(1);
    const colors = colorsFor([{ id: 'a', score: 0.8 }, { id: 'b', score: 0.55 }, { id: 'c', score: 0.3 }], 0.3);
    expect(colors.get('a')).toBe(rampColor(1));
    expect(colors.get('c')).toBe(rampColor(0));
    expect(colors.get('b')).toBe(rampColor(rampPosition(0.55, 0.3, 0.8)));
    expect(colors.get('b')).toMatch(/^hsl\((27|28), /);
    expect(colorsFor([], 0.3).size).toBe(0);
  });
});
