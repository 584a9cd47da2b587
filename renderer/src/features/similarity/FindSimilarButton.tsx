import { findSimilar, refreshStatus } from './similarity-actions';

/** "Find similar" in the details panel: the selected node's nearest nodes by meaning. */
export function FindSimilarButton({ id, name }: { id: string; name: string }) {
  return (
    <button
      data-testid="find-similar"
      title="Nodes nearest in meaning to this one"
      onClick={() => {
        void findSimilar(id, name || id);
        void refreshStatus();
      }}
    >
      Find similar
    </button>
  );
}
