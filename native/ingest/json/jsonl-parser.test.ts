import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataset, parseWith, pickHandler } from '../xml/test-helpers';
import { jsonFormatHandlers, jsonlFormatHandler } from './index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgw-jsonl-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('AutoSchemaKG extraction JSONL', () => {
  const file = dataset('jsonl_autoschemakg_dulce_extraction.jsonl');
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Json);

  it('is sniffed as jsonl', () => {
    expect(pickHandler(jsonFormatHandlers, file).format).toBe('jsonl');
  });

  it('builds entity, event and passage nodes and all edges, counted independently from the raw lines', async () => {
    const entities = new Set<string>();
    const events = new Set<string>();
    const passages = new Set<string>();
    let relationEdges = 0;
    let participationEdges = 0;
    let mentionEdges = 0;
    for (const l of lines) {
      const mentioned = new Set<string>();
      for (const t of l.entity_relation_dict) { entities.add(t.Head); entities.add(t.Tail); mentioned.add(t.Head); mentioned.add(t.Tail); relationEdges++; }
      for (const t of l.event_entity_relation_dict) {
        events.add(t.Event); mentioned.add(t.Event);
        for (const e of t.Entity) { entities.add(e); mentioned.add(e); participationEdges++; }
      }
      for (const t of l.event_relation_dict) { events.add(t.Head); events.add(t.Tail); mentioned.add(t.Head); mentioned.add(t.Tail); relationEdges++; }
      passages.add(l.original_text);
      mentionEdges += mentioned.size;
    }
    const { nodes, edges, warnings } = await parseWith(jsonlFormatHandler, file);
    expect(warnings).toEqual([]);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    const passageNodes = nodes.filter((n) => n.type === 'passage');
    expect(passageNodes).toHaveLength(passages.size);
    expect(passages.size).toBe(8); // 9 lines, two chunks share one original_text
    expect(nodes.length - passageNodes.length).toBe(new Set([...entities, ...events]).size);
    expect(edges.filter((e) => e.type === 'is participated by')).toHaveLength(participationEdges);
    expect(edges.filter((e) => e.type === 'mention in')).toHaveLength(mentionEdges);
    expect(edges).toHaveLength(relationEdges + participationEdges + mentionEdges);

    const p = passageNodes[0];
    expect(p.id).toBe(createHash('sha256').update(lines[0].original_text).digest('hex'));
    expect(p.text).toBe(lines[0].original_text);
    expect(p.props.doc_id).toBe('1');
    const alex = nodes.find((n) => n.id === 'Alex Mercer')!;
    expect(alex).toMatchObject({ name: 'Alex Mercer', type: 'entity', line: 1 });
    expect(edges.find((e) => e.source === 'Alex Mercer' && e.target === 'dwarfed')!.type).toBe('was');
  });

  it('generic JSONL: one node or edge object per line', async () => {
    const generic = path.join(tmp, 'generic.jsonl');
    fs.writeFileSync(generic, [
      '{"id": "a", "name": "Alpha", "type": "thing"}',
      '',
      '{"id": "b", "name": "Beta"}',
      '{"source": "a", "target": "b", "relation": "likes", "weight": 2}',
      '{"group": "edges", "data": {"id": "e2", "source": "b", "target": "a", "interaction": "pp"}}',
    ].join('\r\n'));
    expect(pickHandler(jsonFormatHandlers, generic).format).toBe('jsonl');
    const { nodes, edges } = await parseWith(jsonlFormatHandler, generic);
    expect(nodes).toEqual([
      { id: 'a', name: 'Alpha', type: 'thing', props: {}, line: 1 },
      { id: 'b', name: 'Beta', props: {}, line: 3 },
    ]);
    expect(edges).toEqual([
      { source: 'a', target: 'b', type: 'likes', props: { weight: 2 }, line: 4 },
      { id: 'e2', source: 'b', target: 'a', type: 'pp', props: {}, line: 5 },
    ]);
  });
});
