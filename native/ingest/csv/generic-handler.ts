/**
 * Generic CSV/TSV node and edge lists (`csv`): any of `,` `\t` `;` `|`, header or not,
 * roles of columns guessed (column-guess.ts) or given in options.columns[fileName].
 * Ids stay text; other cells that are plainly numbers become numbers.
 */
import path from 'node:path';
import type { EdgeRecord, NodeRecord, Props } from '../../../electron/common/model';
import { WorkbenchError } from '../../../electron/common/errors';
import type { FormatHandler, ParseBatch, ParserInput } from '../format';
import { BatchBuilder, columnCountError, emptyFileError, WarningTally } from './batch';
import { guessColumns, KNOWN_COLUMN_NAMES, type ColumnMapping } from './column-guess';
import { isNeo4jHeader } from './neo4j-header';
import { readHead, readRecords, throwIfAborted } from './read-records';
import { SpillSeenSet } from './spill-seen-set';
import { detectDelimiter, extensionOf, hasHeader, headText, looksLikeOtherFormat } from './sniff';
import { inferNumber } from './values';

const TABLE_EXTENSIONS = new Set(['csv', 'tsv', 'tab', 'psv']);

export const genericCsvHandler: FormatHandler = {
  format: 'csv',
  sniff(head, fileName) {
    const text = headText(head);
    if (looksLikeOtherFormat(text, fileName)) return 0;
    const sample = detectDelimiter(text);
    if (!sample) return 0;
    if (isNeo4jHeader(sample.rows[0])) return 0.3; // readable, but neo4j-csv reads it better
    let score = TABLE_EXTENSIONS.has(extensionOf(fileName)) ? 0.6 : 0.45;
    if (sample.consistency < 0.9) score -= 0.2;
    return score;
  },
  role(head, fileName) {
    const sample = detectDelimiter(headText(head));
    if (!sample) return 'nodes';
    const header = hasHeader(sample.rows[0], KNOWN_COLUMN_NAMES);
    try {
      return guessColumns(sample.rows[0], header, undefined, fileName).kind;
    } catch {
      return 'nodes';
    }
  },
  parse: parseGenericCsv,
};

/**
 * The type of nodes from a node list without a type column: the file's own label ("airports" for
 * airports.csv or airports_nodes.csv), as neo4j-admin labels nodes per file. Without it every
 * node of two such files would share the empty type, and the type filter and colours could not
 * tell airports from airlines.
 */
export function labelFromFileName(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]*$/, '');
  return stem.replace(/[-_. ]?nodes?$/i, '') || stem;
}

function overrideFor(input: ParserInput): Record<string, string> | undefined {
  const cols = input.options.columns;
  return cols?.[input.displayName] ?? cols?.[path.basename(input.path)];
}

async function* parseGenericCsv(input: ParserInput): AsyncGenerator<ParseBatch> {
  const file = input.displayName;
  const head = await readHead(input.path);
  const delimiter = detectDelimiter(headText(head))?.delimiter ?? (extensionOf(file) === 'tsv' ? '\t' : ',');
  const tally = new WarningTally(file);
  const seen = new SpillSeenSet();
  const out = new BatchBuilder();
  let map: ColumnMapping | undefined;
  let names: string[] = [];
  let width = 0;
  let propCols: number[] = [];
  let bytesRead = 0;
  const defaultType = input.options.defaultEdgeType;
  const fileLabel = labelFromFileName(file);

  const readProps = (row: string[]): Props => {
    const props: Props = {};
    for (const i of propCols) if (row[i] !== '') props[names[i]] = inferNumber(row[i]);
    return props;
  };

  const need = (row: string[], i: number, line: number, what: string): string => {
    const v = row[i];
    if (v === '') throw new WorkbenchError('PARSE_ERROR', `Empty ${what} (column "${names[i]}") on line ${line}`, { file, line, column: i + 1, value: '', expected: `a ${what}` });
    return v;
  };

  const toNode = (row: string[], line: number, m: ColumnMapping): NodeRecord => {
    const node: NodeRecord = { id: need(row, m.id, line, 'node id'), props: readProps(row), line };
    if (m.name >= 0 && row[m.name] !== '') node.name = row[m.name];
    if (m.type >= 0 && row[m.type] !== '') node.type = row[m.type];
    else node.type = fileLabel;
    if (m.text >= 0 && row[m.text] !== '') node.text = row[m.text];
    if (!seen.add(node.id) && !seen.saturated) {
      tally.note('DUPLICATE_NODE_ID', (n) => `${n} rows repeat a node id already seen in ${file}; they are merged`, line, node.id);
    }
    return node;
  };

  const toEdge = (row: string[], line: number, m: ColumnMapping): EdgeRecord => {
    const edge: EdgeRecord = { source: need(row, m.source, line, 'source id'), target: need(row, m.target, line, 'target id'), props: readProps(row), line };
    const type = m.type >= 0 ? row[m.type] : '';
    if (type !== '') edge.type = type;
    else if (defaultType) edge.type = defaultType;
    if (m.id >= 0 && row[m.id] !== '') edge.id = row[m.id];
    if (!seen.addRow(row) && !seen.saturated) {
      tally.note('DUPLICATE_EDGE', (n) => `${n} rows in ${file} repeat an earlier row exactly; they are merged`, line, `${edge.source} -> ${edge.target}`);
    }
    return edge;
  };

  try {
    for await (const chunk of readRecords({ path: input.path, file, delimiter, quotes: true, signal: input.signal })) {
      throwIfAborted(input.signal, file);
      bytesRead = chunk.bytesRead;
      let start = 0;
      if (!map) {
        const first = chunk.rows[0];
        const header = hasHeader(first, KNOWN_COLUMN_NAMES);
        names = header ? first.map((c, i) => c.trim() || `column${i + 1}`) : first.map((_, i) => `column${i + 1}`);
        width = first.length;
        map = guessColumns(names, header, overrideFor(input), file);
        const roles = new Set([map.id, map.name, map.type, map.text, map.source, map.target]);
        propCols = names.map((_, i) => i).filter((i) => !roles.has(i));
        if (header) start = 1;
      }
      const m = map;
      for (let r = start; r < chunk.rows.length; r++) {
        const row = chunk.rows[r];
        const line = chunk.lines[r];
        if (row.length !== width) throw columnCountError(file, line, width, row.length, row);
        if (m.kind === 'edges') out.edges.push(toEdge(row, line, m));
        else out.nodes.push(toNode(row, line, m));
        if (out.full) yield out.take(bytesRead);
      }
    }
    if (!map) throw emptyFileError(file);
    out.warnings.push(...tally.summaries());
    yield out.take(bytesRead);
  } finally {
    // Deletes the duplicate check's spill file (also on cancel or a parse error).
    seen.close();
  }
}
