/** Collapse and pin buttons for the selected node (the details panel shows them). */
import { useApp } from '../../store';
import { collapseSelected, togglePinSelected } from './explore-actions';

export function NodeViewActions({ id }: { id: string }) {
  const pinned = useApp((s) => s.view.pinned.has(id));
  return (
    <>
      <button data-testid="collapse-node" title="Remove the neighbours this node brought (C)" onClick={collapseSelected}>
        Collapse
      </button>
      <button data-testid="pin-node" aria-pressed={pinned} title="Lock the node where it is (N)" onClick={togglePinSelected}>
        {pinned ? 'Unpin' : 'Pin'}
      </button>
    </>
  );
}
