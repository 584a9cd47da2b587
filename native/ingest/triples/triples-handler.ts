/**
 * Headerless `head<TAB>relation<TAB>tail` files (FB15k-237, WN18RR, most KG-embedding
 * benchmarks): every line is an edge; heads and tails become nodes, each emitted once per
 * file (the seen-sets spill to a temporary SQLite file past 1M keys, spill-seen-set.ts).
 * Quotes are ordinary characters here, ids stay text (`00260881` keeps its zeros).
 */
import type { NodeRecord } from '../../../electron/common/model';
import type { FormatHandler, ParseBatch, ParserInput } from '../format';
import { BatchBuilder, columnCountError, emptyFileError, WarningTally } from '../csv/batch';
import { readRecords, throwIfAborted } from '../csv/read-records';
import { SpillSeenSet } from '../csv/spill-seen-set';
import { looksWeighted, startsWithHeader, tsvShape } from './tsv-sample';

export const triplesHandler: FormatHandler = {
  format: 'triples',
  sniff(head) {
    const shape = tsvShape(head);
    if (shape.width !== 3 || startsWithHeader(shape.rows)) return 0;
    // source, target, weight is a weighted edge list, which the generic CSV reader maps better.
    return looksWeighted(shape.rows) ? 0.3 : 0.8;
  },
  role: () => 'graph',
  parse: parseTriples,
};

async function* parseTriples(input: ParserInput): AsyncGenerator<ParseBatch> {
  const file = input.displayName;
  const out = new BatchBuilder();
  const seenNodes = new SpillSeenSet();
  const seenEdges = new SpillSeenSet();
  const tally = new WarningTally(file);
  let batchNodes = new Set<string>();
  let bytesRead = 0;
  let rows = 0;

  const addNode = (id: string, line: number): void => {
    const fresh = seenNodes.saturated ? !batchNodes.has(id) : seenNodes.add(id);
    if (!fresh) return;
    if (seenNodes.saturated) batchNodes.add(id);
    const node: NodeRecord = { id, props: {}, line };
    out.nodes.push(node);
  };

  try {
    for await (const chunk of readRecords({ path: input.path, file, delimiter: '\t', quotes: false, signal: input.signal })) {
      throwIfAborted(input.signal, file);
      bytesRead = chunk.bytesRead;
      for (let r = 0; r < chunk.rows.length; r++) {
        const row = chunk.rows[r];
        const line = chunk.lines[r];
        if (row.length !== 3) throw columnCountError(file, line, 3, row.length, row);
        const [h, rel, t] = row;
        addNode(h, line);
        addNode(t, line);
        out.edges.push({ source: h, target: t, type: rel, props: {}, line });
        if (!seenEdges.add(`${h}\t${rel}\t${t}`) && !seenEdges.saturated) {
          tally.note('DUPLICATE_EDGE', (n) => `${n} triples in ${file} repeat an earlier triple; they are merged`, line, `${h} ${rel} ${t}`);
        }
        rows++;
        if (out.full) {
          yield out.take(bytesRead);
          // A 64 KiB chunk may hold several batches: a cancel stops at the next one.
          throwIfAborted(input.signal, file);
          batchNodes = new Set();
        }
      }
    }
    if (rows === 0) throw emptyFileError(file);
    out.warnings.push(...tally.summaries());
    yield out.take(bytesRead);
  } finally {
    // Deletes the spill files of the seen-sets (also on cancel or a parse error).
    seenNodes.close();
    seenEdges.close();
  }
}
