/**
 * The layout Web Worker: computes positions off the main thread so the canvas stays responsive
 * (pan, zoom, clicks) while a layout runs. One request at a time; the main thread terminates the
 * worker to cancel a run that is no longer wanted (see layout-runner.ts).
 */
import { computeLayout, type LayoutInput, type LayoutName } from './layout-compute';

export interface LayoutRequest {
  id: number;
  name: LayoutName;
  input: LayoutInput;
  timeBudgetMs?: number;
}

export type LayoutReply =
  | { id: number; ok: true; x: Float64Array; y: Float64Array; algorithm: string; ms: number; iterations?: number }
  | { id: number; ok: false; message: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null; postMessage(msg: LayoutReply, transfer?: Transferable[]): void };

scope.onmessage = (e) => {
  const { id, name, input, timeBudgetMs } = e.data;
  try {
    const out = computeLayout(name, input, { timeBudgetMs });
    scope.postMessage({ id, ok: true, ...out }, [out.x.buffer, out.y.buffer]);
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
