/**
 * The explore feature's link to the host: the typed client, handed over once at start-up
 * (main.tsx), and the position store built on it (saves batched, so a drag or a layout over
 * 20K nodes is one request, not thousands).
 */
import type { WorkbenchClient } from '../../api/client';
import type { PositionStore, SavedPosition } from '../../graph/cy-sync';
import { formatError, toErrorShape } from '../../../../electron/common/errors';
import { appStore } from '../../store';

let client: WorkbenchClient | null = null;

export function startExplore(c: WorkbenchClient): void {
  client = c;
}

export function exploreClient(): WorkbenchClient | null {
  return client;
}

const SAVE_DELAY_MS = 400;

export function hostPositionStore(): PositionStore {
  let pending = new Map<string, SavedPosition>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let workspace = appStore.getState().workspace?.path;
  const flush = () => {
    timer = null;
    const positions = [...pending.values()];
    pending = new Map();
    if (!client || !positions.length) return;
    client.call('view.savePositions', { positions }).catch((err: unknown) => appStore.getState().toast(`Positions not saved: ${formatError(toErrorShape(err))}`, 'error'));
  };
  return {
    async load(ids) {
      if (!client || !ids.length) return [];
      return (await client.call('view.loadPositions', { ids })).positions;
    },
    save(positions) {
      // Positions belong to the workspace they were made in: a switch drops what was not sent yet.
      const now = appStore.getState().workspace?.path;
      if (now !== workspace) {
        pending = new Map();
        workspace = now;
      }
      for (const p of positions) pending.set(p.id, p);
      if (!timer) timer = setTimeout(flush, SAVE_DELAY_MS);
    },
  };
}
