/** Everything explore puts over the canvas: toolbar, legend with filters, the confirmation dialog, its keys. */
import { ExploreToolbar } from './ExploreToolbar';
import { LegendPanel } from './LegendPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { useExploreKeys } from './useExploreKeys';

export function ExploreOverlay() {
  useExploreKeys();
  return (
    <>
      <ExploreToolbar />
      <LegendPanel />
      <ConfirmDialog />
    </>
  );
}
