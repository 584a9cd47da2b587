import { describe, expect, it } from 'vitest';
import { execArgvFor } from '../host/worker-exec-argv';
import { missingIngestFlags } from './ingest-flags';

describe('missingIngestFlags', () => {
  it('asks for the ingest worker flags on a plain `kgw import`', () => {
    expect(missingIngestFlags(['import', 'a.csv', '--workspace', 'w'], [])).toEqual(execArgvFor('ingest'));
    expect(execArgvFor('ingest').length).toBeGreaterThan(0);
  });

  it('keeps a value the user gave for the same flag', () => {
    const flags = execArgvFor('ingest').map((f) => `${f.split('=')[0].replace(/-/g, '_')}=1`);
    expect(missingIngestFlags(['import', 'a.csv'], flags)).toEqual([]);
  });

  it('asks nothing for other commands', () => {
    expect(missingIngestFlags(['stats', '--workspace', 'w'], [])).toEqual([]);
  });
});
