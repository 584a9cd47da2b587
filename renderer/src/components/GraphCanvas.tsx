/**
 * The Cytoscape canvas. Created once; the explore canvas controller keeps it in step with the
 * stores (see features/explore/canvas-controller.ts).
 */
import { useEffect, useRef } from 'react';
import { useActions } from '../app/context';
import { createCanvasController } from '../features/explore';

export function GraphCanvas() {
  const container = useRef<HTMLDivElement>(null);
  const actions = useActions();

  useEffect(() => {
    const controller = createCanvasController(container.current!, actions);
    return () => controller.destroy();
  }, [actions]);

  return <div ref={container} className="canvas" data-testid="cy" tabIndex={-1} aria-label="Graph canvas" />;
}
