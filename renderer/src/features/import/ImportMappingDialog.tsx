/**
 * The column-mapping step before an import of generic CSV/TSV files: per file, nodes or edges, a
 * column per role (the host's guesses preselected) and the first rows with the mapped columns
 * marked; below, what to do with edges whose endpoint node does not exist.
 */
import type { ImportPreviewFile } from '../../../../electron/common/protocol/import';
import { EDGE_ROLES, NODE_ROLES, choiceProblem, type FileChoice } from './mapping';
import { useMapping } from './mapping-store';

export function ImportMappingDialog() {
  const files = useMapping((s) => s.files);
  const choices = useMapping((s) => s.choices);
  const missing = useMapping((s) => s.missing);
  const setMissing = useMapping((s) => s.setMissing);
  const confirm = useMapping((s) => s.confirm);
  const cancel = useMapping((s) => s.cancel);
  if (!files) return null;
  const mappable = files.filter((f) => f.mappable);
  const others = files.filter((f) => !f.mappable);
  const blocking = mappable.map((f) => choiceProblem(choices[f.name])).some(Boolean);
  return (
    <div className="overlay" data-testid="import-mapping">
      <div className="panel import-mapping" role="dialog" aria-label="Map columns">
        <h2>Map the columns</h2>
        <p className="muted small">
          Say which column holds what. The guesses are preselected; rows below show the file's start.
        </p>
        {mappable.map((f) => (
          <FileMapping key={f.name} file={f} choice={choices[f.name]} />
        ))}
        {others.length > 0 && (
          <p className="muted small" data-testid="mapping-others">
            Also imported as they are: {others.map((f) => `${f.name} (${f.format})`).join(', ')}
          </p>
        )}
        <fieldset className="missing-choice">
          <legend>Edges to missing nodes</legend>
          <label>
            <input type="radio" name="missing" data-testid="missing-skip" checked={missing === 'skip'} onChange={() => setMissing('skip')} /> skip them
            (counted in the warnings)
          </label>
          <label>
            <input type="radio" name="missing" data-testid="missing-placeholder" checked={missing === 'placeholder'} onChange={() => setMissing('placeholder')} />{' '}
            create placeholder nodes
          </label>
        </fieldset>
        <div className="confirm-buttons">
          <button data-testid="mapping-cancel" onClick={cancel}>
            Cancel
          </button>
          <button className="primary" data-testid="mapping-import" disabled={blocking} onClick={confirm}>
            Import
          </button>
        </div>
      </div>
    </div>
  );
}

function FileMapping({ file, choice }: { file: ImportPreviewFile; choice: FileChoice }) {
  const setChoice = useMapping((s) => s.setChoice);
  const roles = choice.kind === 'nodes' ? NODE_ROLES : EDGE_ROLES;
  const picked: Record<string, string> = choice.kind === 'nodes' ? choice.nodes : choice.edges;
  const problem = choiceProblem(choice);
  const roleOf = new Map(Object.entries(picked).filter(([, c]) => c).map(([r, c]) => [c, r]));
  const setRole = (role: string, column: string) =>
    setChoice(file.name, choice.kind === 'nodes' ? { ...choice, nodes: { ...choice.nodes, [role]: column } } : { ...choice, edges: { ...choice.edges, [role]: column } });
  return (
    <section className="file-mapping" data-testid={`mapping-file-${file.name}`}>
      <div className="row">
        <strong>{file.name}</strong>
        <span className="muted small">{file.hasHeader ? 'header row' : 'no header row'}</span>
        <span className="spacer" />
        <label>
          holds{' '}
          <select data-testid="mapping-kind" value={choice.kind} onChange={(e) => setChoice(file.name, { ...choice, kind: e.target.value as FileChoice['kind'] })}>
            <option value="nodes">nodes</option>
            <option value="edges">edges</option>
          </select>
        </label>
      </div>
      <div className="row role-selects">
        {roles.map(({ role, label, required }) => (
          <label key={role}>
            {label}
            {required ? ' *' : ''}{' '}
            <select data-testid={`mapping-role-${role}`} value={picked[role] ?? ''} onChange={(e) => setRole(role, e.target.value)}>
              <option value="">{role === 'type' ? `(none: "${file.defaultType ?? ''}")` : '(none)'}</option>
              {file.columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {problem && <p className="error-message small">{problem}</p>}
      {file.problems.map((p) => (
        <p key={p} className="error-message small" data-testid="mapping-problem">
          {p}
        </p>
      ))}
      <div className="preview-table">
        <table>
          <thead>
            <tr>
              {file.columns.map((c) => (
                <th key={c} className={roleOf.has(c) ? 'mapped' : ''}>
                  {c}
                  {roleOf.has(c) && <span className="role-tag">{roleOf.get(c)}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {file.rows.map((r, i) => (
              <tr key={i}>
                {file.columns.map((c, j) => (
                  <td key={c} className={roleOf.has(c) ? 'mapped' : ''}>
                    {r[j] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
