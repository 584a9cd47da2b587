/** The one question explore asks: before drawing more than a few thousand elements. */
import { useExplore } from './explore-store';

export function ConfirmDialog() {
  const confirm = useExplore((s) => s.confirm);
  if (!confirm) return null;
  return (
    <div className="overlay" data-testid="confirm-dialog" onClick={() => confirm.answer(false)}>
      <div className="panel confirm" role="alertdialog" aria-label="Confirm" onClick={(e) => e.stopPropagation()}>
        <p>{confirm.text}</p>
        <div className="confirm-buttons">
          <button onClick={() => confirm.answer(false)}>Cancel</button>
          <button className="primary" data-testid="confirm-ok" autoFocus onClick={() => confirm.answer(true)}>
            Draw them
          </button>
        </div>
      </div>
    </div>
  );
}
