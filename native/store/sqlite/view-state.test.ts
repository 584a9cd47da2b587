/** Saved canvas positions in a real workspace SQLite file: round trip, update, reopen, chunking. */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from './sqlite-store';
import { ViewStateStore, viewStateFor } from './view-state';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-viewstate-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('ViewStateStore', () => {
  it('saves, updates and reloads positions after the workspace is closed and opened again', async () => {
    const dir = path.join(tmp, 'ws1');
    let store = new SqliteStore(dir);
    const vs = viewStateFor(store.db);
    expect(viewStateFor(store.db)).toBe(vs);
    vs.save([
      { id: 'a', x: 1.5, y: -2, pinned: false },
      { id: 'b', x: 10, y: 20, pinned: true },
    ]);
    vs.save([{ id: 'a', x: 3, y: 4, pinned: true }]);
    await store.close();

    store = new SqliteStore(dir);
    const again = new ViewStateStore(store.db);
    const loaded = again.load(['a', 'b', 'missing']).sort((p, q) => p.id.localeCompare(q.id));
    expect(loaded).toEqual([
      { id: 'a', x: 3, y: 4, pinned: true },
      { id: 'b', x: 10, y: 20, pinned: true },
    ]);
    expect(again.count()).toBe(2);
    expect(again.clear(['a'])).toBe(1);
    expect(again.load(['a'])).toEqual([]);
    await store.close();
  });

  it('looks up more ids than one SQL statement may carry, and skips non-finite coordinates', async () => {
    const store = new SqliteStore(path.join(tmp, 'ws2'));
    const vs = viewStateFor(store.db);
    const many = Array.from({ length: 1234 }, (_, i) => ({ id: `n${i}`, x: i, y: -i, pinned: i % 2 === 0 }));
    vs.save([...many, { id: 'bad', x: Number.NaN, y: 0, pinned: false }]);
    const loaded = vs.load([...many.map((p) => p.id), 'bad']);
    expect(loaded.length).toBe(1234);
    const n777 = loaded.find((p) => p.id === 'n777');
    expect(n777).toEqual({ id: 'n777', x: 777, y: -777, pinned: false });
    expect(vs.clear()).toBe(1234);
    await store.close();
  });
});
