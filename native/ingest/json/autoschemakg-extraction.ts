/**
 * Maps one line of AutoSchemaKG extraction output (JSON Lines) to graph records, the way the
 * AutoSchemaKG pipeline builds its KG: entity nodes and relation edges from `entity_relation_dict`,
 * event nodes and "is participated by" edges from `event_entity_relation_dict`, event-to-event edges
 * from `event_relation_dict`, and a passage node (`original_text`) with "mention in" edges from
 * every entity/event of the line. Entity and event ids are their text, so a name seen on several
 * lines is one node; passage ids are the sha256 of the text because line `id`s repeat.
 */
import { createHash } from 'node:crypto';
import type { Props } from '../../../electron/common/model';
import type { BatchCollector } from '../xml/text-source';
import { SeenSet } from '../csv/seen-set';

export const AUTOSCHEMAKG_KEYS = ['entity_relation_dict', 'event_entity_relation_dict', 'event_relation_dict'];

/**
 * Remembered node ids (to emit each node once); past this many the set restarts and the importer
 * merges repeats. Kept as 64-bit hashes (SeenSet, 16 MB at 1M ids): a Set of 1M entity strings
 * took ~100 MB of the parser thread's heap, which is capped below that (parse-thread.ts).
 */
const SEEN_LIMIT = 1 << 20;

type Json = Record<string, unknown>;

export function isAutoSchemaKgLine(obj: Json): boolean {
  return AUTOSCHEMAKG_KEYS.some((k) => Array.isArray(obj[k]));
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

export class AutoSchemaKgExtractionMapper {
  private seen = new SeenSet(SEEN_LIMIT);
  lines = 0;

  constructor(private readonly batch: BatchCollector) {}

  map(obj: Json, line: number): void {
    this.lines++;
    const mentioned = new Set<string>();
    const node = (id: string, type: 'entity' | 'event'): void => {
      mentioned.add(id);
      this.emitNode(id, type, line);
    };
    const edge = (source: string, target: string, type: string): void => {
      this.batch.edges.push({ source, target, type, props: {}, line });
    };

    for (const t of arrayOf(obj.entity_relation_dict)) {
      const head = text(t.Head);
      const tail = text(t.Tail);
      const relation = text(t.Relation);
      if (!head || !tail || !relation) { this.badTriple(line, 'entity_relation_dict', t); continue; }
      node(head, 'entity');
      node(tail, 'entity');
      edge(head, tail, relation);
    }
    for (const t of arrayOf(obj.event_entity_relation_dict)) {
      const event = text(t.Event);
      const entities = Array.isArray(t.Entity) ? t.Entity : [];
      if (!event) { this.badTriple(line, 'event_entity_relation_dict', t); continue; }
      node(event, 'event');
      for (const e of entities) {
        const entity = text(e);
        if (!entity) continue;
        node(entity, 'entity');
        edge(event, entity, 'is participated by');
      }
    }
    for (const t of arrayOf(obj.event_relation_dict)) {
      const head = text(t.Head);
      const tail = text(t.Tail);
      const relation = text(t.Relation);
      if (!head || !tail || !relation) { this.badTriple(line, 'event_relation_dict', t); continue; }
      node(head, 'event');
      node(tail, 'event');
      edge(head, tail, relation);
    }

    const passageText = text(obj.original_text);
    if (passageText) {
      const passageId = createHash('sha256').update(passageText).digest('hex');
      if (this.remember(passageId)) {
        const props: Props = {};
        if (obj.id !== undefined) props.doc_id = String(obj.id);
        if (obj.metadata && typeof obj.metadata === 'object') props.metadata = obj.metadata as Props;
        this.batch.nodes.push({ id: passageId, name: passageText, type: 'passage', text: passageText, props, line });
      }
      for (const id of mentioned) edge(id, passageId, 'mention in');
    }
  }

  private remember(id: string): boolean {
    if (this.seen.add(id)) return true;
    if (!this.seen.saturated) return false;
    this.seen = new SeenSet(SEEN_LIMIT);
    this.seen.add(id);
    return true;
  }

  private emitNode(id: string, type: 'entity' | 'event', line: number): void {
    if (this.remember(id)) this.batch.nodes.push({ id, name: id, type, props: {}, line });
  }

  private badTriple(line: number, field: string, value: unknown): void {
    this.batch.warn('BAD_TRIPLE', `An entry of ${field} lacks its head, relation or tail and was skipped`, line,
      JSON.stringify(value)?.slice(0, 120));
  }
}

function arrayOf(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : [];
}
