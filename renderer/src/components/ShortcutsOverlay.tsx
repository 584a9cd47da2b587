import { useApp } from '../store';
import { EXPLORE_SHORTCUTS } from '../features/explore';

export const SHORTCUTS: Array<[string, string]> = [
  ['/', 'Focus the search box'],
  ['Enter', 'Add the selected node’s neighbours'],
  ['Double-click', 'Add a node’s neighbours'],
  ['Esc', 'Clear the selection / close this'],
  ['Delete', 'Hide the selected node'],
  ['Ctrl+Z', 'Undo a view change'],
  ['Ctrl+Shift+Z', 'Redo a view change'],
  ['P', 'Open or close the profiler'],
  ['Q', 'Open or close the query panel'],
  ['M', 'Open or close the model manager'],
  ['?', 'Show these shortcuts'],
  ...EXPLORE_SHORTCUTS,
];

export function ShortcutsOverlay() {
  const open = useApp((s) => s.shortcutsOpen);
  const setOpen = useApp((s) => s.setShortcutsOpen);
  if (!open) return null;
  return (
    <div className="overlay" data-testid="shortcuts-overlay" onClick={() => setOpen(false)}>
      <div className="panel shortcuts" role="dialog" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([key, what]) => (
              <tr key={key}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button onClick={() => setOpen(false)}>Close</button>
      </div>
    </div>
  );
}
