import { describe, expect, it } from 'vitest';
import { ImportResultSchema } from '../protocol/import';
import { WorkbenchError } from '../errors';
import { JobStages } from './job-stages';

describe('JobStages', () => {
  it('sums repeated spans per stage, counts items and rates, in first-started order', async () => {
    let now = 0;
    const stages = new JobStages(() => now);
    stages.start('parse');
    now = 100;
    stages.stop('parse', 1000);
    stages.start('write');
    now = 150;
    stages.stop('write', 1000);
    stages.start('parse');
    now = 250;
    stages.stop('parse', 500);
    await stages.time('index', () => {
      now = 650;
    });
    stages.start('embed');
    now = 700;
    expect(stages.isRunning('embed')).toBe(true);
    expect(stages.stages()).toEqual([
      { name: 'parse', ms: 200, items: 1500 },
      { name: 'write', ms: 50, items: 1000 },
      { name: 'index', ms: 400 },
      { name: 'embed', ms: 50 },
    ]);
    expect(stages.rates()[0]).toEqual({ name: 'parse', ms: 200, items: 1500, perSecond: 7500 });
    // The shape is the one ImportResult carries.
    const parsed = ImportResultSchema.shape.stages.parse(stages.stages());
    expect(parsed).toHaveLength(4);
  });

  it('ends a timed span when the work throws, and refuses unbalanced start/stop', async () => {
    let now = 0;
    const stages = new JobStages(() => now);
    await expect(
      stages.time('parse', () => {
        now = 30;
        throw new Error('bad row');
      }),
    ).rejects.toThrow('bad row');
    expect(stages.stages()).toEqual([{ name: 'parse', ms: 30 }]);
    expect(() => stages.stop('parse')).toThrow(WorkbenchError);
    stages.start('write');
    expect(() => stages.start('write')).toThrow(/started twice/);
  });
});
