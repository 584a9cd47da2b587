/** Canvas tools: layout picker, fit, neighbours per expansion, renderer, exports. */
import { useState } from 'react';
import { LAYOUT_NAMES, type LayoutName } from '../../graph/layout-compute';
import type { RenderPreference } from '../../graph/render-mode';
import { PAGE_SIZES, useExplore } from './explore-store';
import { exportAs, runLayout, type ExportFormat, type ExportScope } from './explore-actions';
import { activeCanvas } from './canvas-controller';

const LAYOUT_LABELS: Record<LayoutName, string> = {
  auto: 'Auto (fcose / ForceAtlas2)',
  fcose: 'Force (fcose)',
  forceatlas2: 'ForceAtlas2 (Barnes-Hut)',
  dagre: 'Hierarchical (dagre)',
  circle: 'Circle',
  grid: 'Grid',
  concentric: 'Concentric by degree',
};

const MODE_LABELS = { canvas: 'Canvas', 'canvas-large': 'Canvas (fast)', webgl: 'WebGL' } as const;
const FORMATS: Array<[ExportFormat, string]> = [
  ['png', 'PNG image'],
  ['svg', 'SVG image'],
  ['graphml', 'GraphML'],
  ['csv', 'CSV (nodes + edges)'],
  ['json', 'JSON (node-link)'],
];

export function ExploreToolbar() {
  const layout = useExplore((s) => s.layout);
  const setLayout = useExplore((s) => s.setLayout);
  const running = useExplore((s) => s.layoutRunning);
  const last = useExplore((s) => s.lastLayout);
  const pageSize = useExplore((s) => s.neighborsPerExpansion);
  const setPageSize = useExplore((s) => s.setNeighborsPerExpansion);
  const renderPref = useExplore((s) => s.renderPref);
  const setRenderPref = useExplore((s) => s.setRenderPref);
  const mode = useExplore((s) => s.renderMode);
  const [exportOpen, setExportOpen] = useState(false);
  const [scope, setScope] = useState<ExportScope>('view');

  return (
    <div className="explore-toolbar" data-testid="explore-toolbar">
      <div className="joined">
        <select aria-label="Layout" data-testid="layout-select" value={layout} onChange={(e) => setLayout(e.target.value as LayoutName)}>
          {LAYOUT_NAMES.map((n) => (
            <option key={n} value={n}>
              {LAYOUT_LABELS[n]}
            </option>
          ))}
        </select>
        <button data-testid="run-layout" disabled={running} title="Lay the view out (L)" onClick={() => void runLayout()}>
          {running ? 'Laying out…' : 'Layout'}
        </button>
      </div>
      <button title="Fit the view (F)" data-testid="fit-view" onClick={() => activeCanvas()?.fit()}>
        Fit
      </button>
      <label className="inline" title="How many neighbours one expansion adds; the rest stay behind a “+K more” handle">
        <span className="muted">Expand</span>
        <select aria-label="Neighbours per expansion" data-testid="page-size" value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="inline" title="Renderer: WebGL draws large views on the GPU">
        <select aria-label="Renderer" data-testid="render-pref" value={renderPref} onChange={(e) => setRenderPref(e.target.value as RenderPreference)}>
          <option value="auto">Auto ({MODE_LABELS[mode]})</option>
          <option value="canvas">Canvas</option>
          <option value="webgl">WebGL</option>
        </select>
      </label>
      <div className="export-menu">
        <button data-testid="export-button" aria-expanded={exportOpen} onClick={() => setExportOpen(!exportOpen)}>
          Export ▾
        </button>
        {exportOpen && (
          <div className="menu panel" role="menu" data-testid="export-menu">
            <label className="inline">
              <input type="radio" name="scope" checked={scope === 'view'} onChange={() => setScope('view')} /> Visible view
            </label>
            <label className="inline">
              <input type="radio" name="scope" checked={scope === 'selection'} onChange={() => setScope('selection')} /> Selected node + neighbours
            </label>
            {FORMATS.map(([format, label]) => (
              <button
                key={format}
                role="menuitem"
                data-testid={`export-${format}`}
                onClick={() => {
                  setExportOpen(false);
                  void exportAs(format, scope);
                }}
              >
                {label}
              </button>
            ))}
          </div>
        )}
      </div>
      {last && (
        <span className="muted layout-info" data-testid="layout-info">
          {last.algorithm} · {last.nodes.toLocaleString('en-US')} nodes · {Math.round(last.ms).toLocaleString('en-US')} ms
        </span>
      )}
    </div>
  );
}
