/**
 * Legend and filters in one: node types with their colour and counts (on the canvas / in the
 * workspace), relations with counts; a click hides or shows them. Past LEGEND_TOP keys the tail
 * folds into "other", which filters as one.
 */
import { useMemo } from 'react';
import { useApp } from '../../store';
import { useExplore, exploreStore } from './explore-store';
import { bucketLegend, countRelations, countTypes, OTHER, type Legend } from './legend';

function Section(props: { title: string; testid: string; legend: Legend; hidden: ReadonlySet<string>; swatch: boolean; toggle(keys: string[], hide: boolean): void }) {
  const { legend, hidden } = props;
  const fmt = (n: number) => n.toLocaleString('en-US');
  return (
    <section data-testid={props.testid}>
      <h3>{props.title}</h3>
      <ul className="legend-list">
        {legend.entries.map((e) => (
          <li key={e.key} className={hidden.has(e.key) ? 'off' : undefined}>
            <label title={hidden.has(e.key) ? 'Hidden: click to show' : 'Click to hide'}>
              <input type="checkbox" checked={!hidden.has(e.key)} onChange={() => props.toggle([e.key], !hidden.has(e.key))} data-testid={`${props.testid}-${e.key}`} />
              {props.swatch && <span className="swatch" style={{ background: e.color }} />}
              <span className="legend-key">{e.key || '(none)'}</span>
              <span className="muted count">
                {fmt(e.count)}
                {e.total !== undefined && e.total !== e.count && ` / ${fmt(e.total)}`}
              </span>
            </label>
          </li>
        ))}
        {legend.other && (
          <li className={legend.other.keys.every((k) => hidden.has(k)) ? 'off' : undefined}>
            <label title={legend.other.keys.slice(0, 30).join(', ')}>
              <input
                type="checkbox"
                checked={!legend.other.keys.every((k) => hidden.has(k))}
                onChange={() => props.toggle(legend.other!.keys, !legend.other!.keys.every((k) => hidden.has(k)))}
                data-testid={`${props.testid}-other`}
              />
              {props.swatch && <span className="swatch other" />}
              <span className="legend-key">
                {OTHER} {fmt(legend.other.keys.length)} more
              </span>
              <span className="muted count">{fmt(legend.other.count)}</span>
            </label>
          </li>
        )}
      </ul>
    </section>
  );
}

export function LegendPanel() {
  const view = useApp((s) => s.view);
  const cache = useApp((s) => s.cache);
  const stats = useApp((s) => s.stats);
  const hiddenTypes = useExplore((s) => s.hiddenTypes);
  const hiddenRelations = useExplore((s) => s.hiddenRelations);
  const open = useExplore((s) => s.legendOpen);

  const types = useMemo(
    () => bucketLegend(countTypes(cache, view), { totals: new Map(stats?.nodeTypes.map((t) => [t.type, t.count])), keep: hiddenTypes }),
    [cache, view, stats, hiddenTypes],
  );
  const relations = useMemo(
    () => bucketLegend(countRelations(cache, view), { totals: new Map(stats?.edgeTypes.map((t) => [t.type, t.count])), keep: hiddenRelations }),
    [cache, view, stats, hiddenRelations],
  );
  if (!view.nodeIds.size) return null;
  const s = exploreStore.getState();
  return (
    <div className={`explore-legend panel${open ? '' : ' closed'}`} data-testid="legend">
      <div className="legend-head">
        <button className="link" onClick={() => exploreStore.setState({ legendOpen: !open })} aria-expanded={open}>
          {open ? '▾' : '▸'} Legend & filters
        </button>
        {(hiddenTypes.size > 0 || hiddenRelations.size > 0) && (
          <button className="link" data-testid="show-all" onClick={() => s.showAll()}>
            Show all
          </button>
        )}
      </div>
      {open && (
        <>
          <Section title="Node types" testid="legend-type" legend={types} hidden={hiddenTypes} swatch toggle={(k, h) => s.setTypesHidden(k, h)} />
          {relations.entries.length > 0 && (
            <Section title="Relations" testid="legend-rel" legend={relations} hidden={hiddenRelations} swatch={false} toggle={(k, h) => s.setRelationsHidden(k, h)} />
          )}
        </>
      )}
    </div>
  );
}
