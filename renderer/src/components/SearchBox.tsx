import { useEffect, useRef, useState } from 'react';
import { useActions } from '../app/context';
import { colorForType } from '../graph/colors';

type Hit = { id: string; name: string; type: string; degree: number };

const DEBOUNCE_MS = 150;

/** Name search with autocomplete; Enter or a click jumps to the node. `/` focuses it (see useKeyboard). */
export function SearchBox() {
  const actions = useActions();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  /** The text was set by choosing a hit: do not search it again. */
  const chosen = useRef(false);

  useEffect(() => {
    const query = q.trim();
    if (chosen.current) {
      chosen.current = false;
      return;
    }
    if (!query) {
      setHits([]);
      return;
    }
    const mySeq = ++seq.current;
    const timer = setTimeout(async () => {
      try {
        const found = await actions.searchNames(query);
        // Only the answer to the latest keystroke counts.
        if (mySeq === seq.current) {
          setHits(found);
          setActive(0);
          setOpen(true);
        }
      } catch {
        if (mySeq === seq.current) setHits([]);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, actions]);

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    setOpen(false);
    chosen.current = true;
    seq.current++;
    setQ(hit.name);
    setHits([]);
    input.current?.blur();
    void actions.jumpTo(hit.id);
  };

  return (
    <div className="search" role="combobox" aria-expanded={open && hits.length > 0} aria-haspopup="listbox">
      <input
        ref={input}
        id="search-input"
        data-testid="search-input"
        type="search"
        placeholder="Search names  ( / )"
        autoComplete="off"
        spellCheck={false}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(hits[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
            (e.target as HTMLInputElement).blur();
          }
          e.stopPropagation();
        }}
      />
      {open && hits.length > 0 && (
        <ul className="search-results" role="listbox">
          {hits.map((h, i) => (
            <li
              key={h.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-testid="search-result"
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="dot" style={{ background: colorForType(h.type) }} />
              <span className="hit-name">{h.name}</span>
              <span className="muted hit-meta">
                {h.type} · {h.degree}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
