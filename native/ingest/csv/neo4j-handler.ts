/**
 * Neo4j admin-import CSV (`neo4j-csv`) and its AutoSchemaKG dialect (`autoschemakg-csv`).
 * One implementation: the dialect adds Python-list cells, passage/concept node types, the
 * `relation` column as edge type and number inference for untyped columns (numeric_id).
 */
import type { EdgeRecord, NodeRecord, PropValue } from '../../../electron/common/model';
import { WorkbenchError } from '../../../electron/common/errors';
import type { FileRole, FormatHandler, ParseBatch, ParserInput } from '../format';
import type { FlatBuilder, FlatParser } from '../flat-rows';
import { BatchBuilder, columnCountError, emptyFileError, snippet, WarningTally } from './batch';
import { castValue, isNeo4jHeader, namespacedId, parseHeader, type Neo4jColumn } from './neo4j-header';
import { PropsJsonWriter } from './props-json';
import { parseFloatList, parseListLiteral } from './python-literal';
import { readHead, readRecords, throwIfAborted } from './read-records';
import { SpillSeenSet } from './spill-seen-set';
import { detectDelimiter, headText, looksLikeOtherFormat, normalizeName } from './sniff';
import { inferNumber } from './values';

export const DEFAULT_EDGE_TYPE = 'RELATED_TO';

/**
 * Flat batches (parseFlat, for the SQLite writer): full after the 64 KiB chunk that brings one to
 * 512 records, so an AutoSchemaKG file posts one chunk (~700-1000 rows) per batch. The batch being built is what
 * survives the parser thread's scavenges, and the writing thread's 4 MB semi-space holds a small
 * batch until it is written. CLI import of CSV 1M + 1M (flat batches, load ~5, alternated):
 * 2048 records 25.1-25.2 s CPU, 26.8-35.4 s wall; 512: 20.3-20.9 s CPU, 16.3-23.8 s wall.
 */
const FLAT_BATCH_RECORDS = 512;

interface HeadInfo {
  delimiter: string;
  columns: Neo4jColumn[];
}

function readHeadInfo(head: Buffer): HeadInfo | undefined {
  const sample = detectDelimiter(headText(head));
  if (!sample || !isNeo4jHeader(sample.rows[0])) return undefined;
  return { delimiter: sample.delimiter, columns: parseHeader(sample.rows[0]) };
}

const ASKG_FILE_RE = /(triple|text|concept)_(nodes|edges)/i;
const ASKG_COLUMNS = new Set(['concepts', 'synsets', 'original_text', 'numeric_id', 'embedding', 'text_id', 'concept_id', 'file_id']);

/** AutoSchemaKG writes recognisable column names; its bare text_edges file is known by name. */
export function looksLikeAutoSchemaKg(columns: Neo4jColumn[], fileName: string): boolean {
  return ASKG_FILE_RE.test(fileName) || columns.some((c) => ASKG_COLUMNS.has(c.name.toLowerCase()));
}

function roleOf(columns: Neo4jColumn[]): FileRole {
  return columns.some((c) => c.kind === 'START_ID' || c.kind === 'END_ID') ? 'edges' : 'nodes';
}

export function makeNeo4jHandler(autoschemakg: boolean): FormatHandler & FlatParser {
  return {
    format: autoschemakg ? 'autoschemakg-csv' : 'neo4j-csv',
    sniff(head, fileName) {
      if (looksLikeOtherFormat(headText(head), fileName)) return 0;
      const info = readHeadInfo(head);
      if (!info) return 0;
      if (!autoschemakg) return 0.9;
      return looksLikeAutoSchemaKg(info.columns, fileName) ? 0.95 : 0;
    },
    role(head) {
      const info = readHeadInfo(head);
      return info ? roleOf(info.columns) : 'nodes';
    },
    parse: (input) => parseNeo4jCsv(input, autoschemakg, false),
    parseFlat: (input) => parseNeo4jCsv(input, autoschemakg, true),
  };
}

/** Which column does what, worked out once from the header. */
interface Plan {
  columns: Neo4jColumn[];
  width: number;
  id: number;
  start: number;
  end: number;
  type: number;
  labels: number[];
  /** Column whose value is the node's display name (-1: none; -2: the id itself). */
  name: number;
  /** AutoSchemaKG passage text column. */
  text: number;
  /** AutoSchemaKG `type` column (entity/event) for nodes, `relation` column for edges. */
  kindCol: number;
  embedding: number;
  props: number[];
}

function makePlan(columns: Neo4jColumn[], autoschemakg: boolean, file: string): Plan {
  const find = (pred: (c: Neo4jColumn) => boolean): number => columns.findIndex(pred);
  const prop = (...names: string[]): number => find((c) => c.kind === 'PROPERTY' && names.includes(normalizeName(c.name)));
  const id = find((c) => c.kind === 'ID');
  const start = find((c) => c.kind === 'START_ID');
  const end = find((c) => c.kind === 'END_ID');
  const isEdge = start !== -1 || end !== -1;
  if (isEdge && (start === -1 || end === -1)) {
    throw new WorkbenchError('PARSE_ERROR', `The header of ${file} has ${start === -1 ? ':END_ID but no :START_ID' : ':START_ID but no :END_ID'}`, {
      file, line: 1, expected: 'both :START_ID and :END_ID columns',
    });
  }
  const idCol = id === -1 ? undefined : columns[id];
  let name = prop('name');
  if (name === -1 && idCol && normalizeName(idCol.name) === 'name') name = -2;
  if (name === -1) name = prop('title', 'label');
  const text = autoschemakg ? prop('originaltext', 'text') : -1;
  const kindCol = autoschemakg ? (isEdge ? prop('relation') : prop('type')) : -1;
  const embedding = find((c) => c.kind === 'PROPERTY' && c.name.toLowerCase() === 'embedding' && (c.type === 'string' || c.type === 'other') && !c.array);
  const consumed = new Set([name, text, kindCol, embedding]);
  const props: number[] = [];
  columns.forEach((c, i) => {
    if (c.kind === 'PROPERTY' && !consumed.has(i) && c.name !== '') props.push(i);
  });
  return {
    columns, width: columns.length, id, start, end,
    type: find((c) => c.kind === 'TYPE'),
    labels: columns.flatMap((c, i) => (c.kind === 'LABEL' ? [i] : [])),
    name, text, kindCol, embedding, props,
  };
}

/** AutoSchemaKG labels to the workbench's node types. */
// A Map, not an object literal: a label named like an Object.prototype key ("constructor") must not
// find a function.
const ASKG_LABEL_TYPES: ReadonlyMap<string, string> = new Map([['text', 'passage'], ['passage', 'passage'], ['concept', 'concept']]);

/**
 * Turns rows into records. A class with plain methods rather than closures inside the async
 * generator: the per-row code then runs in ordinary optimised frames (measured ~2x less CPU).
 */
class Neo4jRowConverter {
  readonly tally: WarningTally;
  readonly seen = new SpillSeenSet();
  readonly isEdge: boolean;
  /**
   * Label cells, types and relations repeat across millions of rows: one shared string or
   * label array per distinct cell means fewer objects for the GC to move (bounded caches).
   */
  private readonly strings = new Map<string, string>();
  private readonly labelLists = new Map<string, string[]>();
  /** JSON text of each label array (flat batches), for as long as the array is alive. */
  private readonly labelJson = new WeakMap<string[], string>();
  private readonly props: PropsJsonWriter;
  /** Nodes with a grouped, named ID column also keep the raw id under that name. */
  private readonly idProp: boolean;

  constructor(
    private readonly p: Plan,
    private readonly file: string,
    private readonly autoschemakg: boolean,
    private readonly defaultType: string,
  ) {
    this.tally = new WarningTally(file);
    this.isEdge = p.start !== -1;
    const idCol = p.id >= 0 ? p.columns[p.id] : undefined;
    this.idProp = !this.isEdge && !!idCol?.group && idCol.name !== '' && normalizeName(idCol.name) !== 'name';
    const extraKey = this.isEdge ? 'neo4j_type' : this.idProp ? idCol!.name : '';
    this.props = new PropsJsonWriter(p.columns, p.props, autoschemakg, (raw, col, line, column) => this.cellValue(raw, col, line, column), extraKey);
  }

  /** Converts rows[from..] into `out`. */
  convert(rows: string[][], lines: number[], from: number, out: BatchBuilder): void {
    const width = this.p.width;
    for (let r = from; r < rows.length; r++) {
      const row = rows[r];
      const line = lines[r];
      if (row.length !== width) throw columnCountError(this.file, line, width, row.length, row);
      if (out.flat) {
        if (this.isEdge) this.toFlatEdge(row, line, out.flat);
        else this.toFlatNode(row, line, out.flat);
      } else if (this.isEdge) {
        out.edges.push(this.toEdge(row, line));
      } else {
        out.nodes.push(this.toNode(row, line));
      }
    }
  }

  private intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    if (this.strings.size < 65536 && s.length <= 64) this.strings.set(s, s);
    return s;
  }

  private labelsOf(row: string[]): string[] | undefined {
    const cols = this.p.labels;
    if (cols.length === 0) return undefined;
    const key = cols.length === 1 ? row[cols[0]] : cols.map((i) => row[i]).join(';');
    let labels = this.labelLists.get(key);
    if (labels === undefined) {
      labels = [];
      for (const i of cols) for (const l of row[i].split(';')) if (l.trim()) labels.push(l.trim());
      Object.freeze(labels);
      if (this.labelLists.size < 4096) this.labelLists.set(key, labels);
    }
    return labels.length ? labels : undefined;
  }

  private cellValue(raw: string, col: Neo4jColumn, line: number, column: number): PropValue {
    if (this.autoschemakg && col.type === 'string' && !col.array) {
      if (raw.charCodeAt(0) === 91 /* [ */) return parseListLiteral(raw) ?? raw;
      return inferNumber(raw);
    }
    return castValue(raw, col, { file: this.file, line, column });
  }

  private readVector(row: string[], line: number): Float32Array | undefined {
    const i = this.p.embedding;
    if (i < 0 || row[i] === '') return undefined;
    const v = parseFloatList(row[i]);
    if (!v) {
      throw new WorkbenchError('PARSE_ERROR', `Column "${this.p.columns[i].header}" on line ${line} is not a list of numbers`, {
        file: this.file, line, column: i + 1, value: row[i].slice(0, 80), expected: 'an embedding like [0.1, -0.2, ...]',
      });
    }
    return v;
  }

  private requireId(raw: string, line: number, column: number, what: string): string {
    if (raw === '') throw new WorkbenchError('PARSE_ERROR', `Empty ${what} on line ${line}`, { file: this.file, line, column, value: '', expected: `a ${what}` });
    return raw;
  }

  private toNode(row: string[], line: number): NodeRecord {
    const p = this.p;
    const idCol = p.columns[p.id];
    const raw = this.requireId(row[p.id], line, p.id + 1, 'node id');
    const props = this.props.object(row, line, this.idProp ? raw : undefined);
    const node: NodeRecord = { id: namespacedId(raw, idCol.group), props, line };
    const labels = this.labelsOf(row);
    if (labels) node.labels = labels;
    if (p.name === -2) node.name = raw;
    else if (p.name >= 0 && row[p.name] !== '') node.name = row[p.name];
    if (this.autoschemakg) {
      const passage = p.text >= 0 ? row[p.text] : '';
      if (passage !== '') {
        node.text = passage;
        node.name ??= snippet(passage);
      }
      const kind = p.kindCol >= 0 ? this.intern(row[p.kindCol]) : '';
      node.type = kind || (labels ? (ASKG_LABEL_TYPES.get(labels[0].toLowerCase()) ?? labels[0]) : passage ? 'passage' : undefined);
    } else if (labels) {
      node.type = labels[0];
    }
    const vector = this.readVector(row, line);
    if (vector) node.vector = vector;
    if (!this.seen.add(node.id) && !this.seen.saturated) {
      const file = this.file;
      this.tally.note('DUPLICATE_NODE_ID', (n) => `${n} rows repeat a node id already seen in ${file}; they are merged`, line, node.id);
    }
    return node;
  }

  private toEdge(row: string[], line: number): EdgeRecord {
    const p = this.p;
    const edge: EdgeRecord = {
      source: namespacedId(this.requireId(row[p.start], line, p.start + 1, 'start id'), p.columns[p.start].group),
      target: namespacedId(this.requireId(row[p.end], line, p.end + 1, 'end id'), p.columns[p.end].group),
      props: this.props.object(row, line),
      line,
    };
    const declared = p.type >= 0 ? this.intern(row[p.type]) : '';
    const relation = p.kindCol >= 0 ? this.intern(row[p.kindCol]) : '';
    const file = this.file;
    if (relation !== '') {
      edge.type = relation;
      if (declared !== '') edge.props.neo4j_type = declared;
    } else if (declared !== '') {
      edge.type = declared;
    } else {
      const type = this.defaultType;
      edge.type = type;
      this.tally.note('DEFAULT_EDGE_TYPE', (n) => `${n} relationships in ${file} have no :TYPE; they were given the type ${type}`, line);
    }
    const vector = this.readVector(row, line);
    if (vector) edge.vector = vector;
    if (!this.seen.addRow(row) && !this.seen.saturated) {
      this.tally.note('DUPLICATE_EDGE', (n) => `${n} rows in ${file} repeat an earlier row exactly; they are merged`, line, `${edge.source} -> ${edge.target}`);
    }
    return edge;
  }

  /** toNode written into columns: the same fields, as flattenNodes would give them. */
  private toFlatNode(row: string[], line: number, out: FlatBuilder): void {
    const p = this.p;
    const raw = this.requireId(row[p.id], line, p.id + 1, 'node id');
    const props = this.props.json(row, line, this.idProp ? raw : undefined);
    const id = namespacedId(raw, p.columns[p.id].group);
    const labels = this.labelsOf(row);
    let name = p.name === -2 ? raw : p.name >= 0 ? row[p.name] : '';
    let type = '';
    let text: string | null = null;
    if (this.autoschemakg) {
      const passage = p.text >= 0 ? row[p.text] : '';
      if (passage !== '') {
        text = passage;
        if (name === '') name = snippet(passage);
      }
      const kind = p.kindCol >= 0 ? row[p.kindCol] : '';
      type = kind || (labels ? (ASKG_LABEL_TYPES.get(labels[0].toLowerCase()) ?? labels[0]) : passage ? 'passage' : '');
    } else if (labels) {
      type = labels[0];
    }
    const vector = this.readVector(row, line);
    out.node(id, name, type, labels ? this.labelsJson(labels) : null, props, text, line, vector);
    if (!this.seen.add(id) && !this.seen.saturated) {
      const file = this.file;
      this.tally.note('DUPLICATE_NODE_ID', (n) => `${n} rows repeat a node id already seen in ${file}; they are merged`, line, id);
    }
  }

  /** toEdge written into columns. */
  private toFlatEdge(row: string[], line: number, out: FlatBuilder): void {
    const p = this.p;
    const source = namespacedId(this.requireId(row[p.start], line, p.start + 1, 'start id'), p.columns[p.start].group);
    const target = namespacedId(this.requireId(row[p.end], line, p.end + 1, 'end id'), p.columns[p.end].group);
    const declared = p.type >= 0 ? row[p.type] : '';
    const relation = p.kindCol >= 0 ? row[p.kindCol] : '';
    const props = this.props.json(row, line, relation !== '' && declared !== '' ? declared : undefined);
    const file = this.file;
    let type = relation || declared;
    if (type === '') {
      const fallback = this.defaultType;
      type = fallback;
      this.tally.note('DEFAULT_EDGE_TYPE', (n) => `${n} relationships in ${file} have no :TYPE; they were given the type ${fallback}`, line);
    }
    // Edge vectors have no column (flattenEdges drops them too); read for the cell's errors.
    this.readVector(row, line);
    out.edge(source, target, type, null, props, line);
    if (!this.seen.addRow(row) && !this.seen.saturated) {
      this.tally.note('DUPLICATE_EDGE', (n) => `${n} rows in ${file} repeat an earlier row exactly; they are merged`, line, `${source} -> ${target}`);
    }
  }

  private labelsJson(labels: string[]): string {
    let json = this.labelJson.get(labels);
    if (json === undefined) {
      json = JSON.stringify(labels);
      this.labelJson.set(labels, json);
    }
    return json;
  }
}

/** `flat`: batches carry columns (ParseBatch.flat) instead of records. */
async function* parseNeo4jCsv(input: ParserInput, autoschemakg: boolean, flat: boolean): AsyncGenerator<ParseBatch> {
  const file = input.displayName;
  const head = await readHead(input.path);
  const delimiter = readHeadInfo(head)?.delimiter ?? ',';
  // Record batches stay at BATCH_RECORDS: the Neo4j writer commits one transaction per batch.
  const out = new BatchBuilder(flat, flat ? FLAT_BATCH_RECORDS : undefined);
  let conv: Neo4jRowConverter | undefined;
  let bytesRead = 0;
  try {
    for await (const chunk of readRecords({ path: input.path, file, delimiter, quotes: true, signal: input.signal })) {
      throwIfAborted(input.signal, file);
      bytesRead = chunk.bytesRead;
      let start = 0;
      if (!conv) {
        const plan = makePlan(parseHeader(chunk.rows[0]), autoschemakg, file);
        if (plan.start === -1 && plan.id === -1) {
          throw new WorkbenchError('PARSE_ERROR', `The header of ${file} has no :ID column (nodes) nor :START_ID/:END_ID (relationships)`, {
            file, line: chunk.lines[0], value: chunk.rows[0].join(','), expected: 'an :ID column or :START_ID and :END_ID',
          });
        }
        conv = new Neo4jRowConverter(plan, file, autoschemakg, input.options.defaultEdgeType || DEFAULT_EDGE_TYPE);
        start = 1;
      }
      // Chunks are small (64 KiB), so converting one whole keeps batches near BATCH_RECORDS.
      conv.convert(chunk.rows, chunk.lines, start, out);
      if (out.full) yield out.take(bytesRead);
    }
    if (!conv) throw emptyFileError(file);
    out.warnings.push(...conv.tally.summaries());
    if (conv.seen.saturated) {
      out.warnings.push({ code: 'DUPLICATE_CHECK_STOPPED', message: `${file} has more than ${conv.seen.size} distinct rows; duplicates past that point were not counted`, file });
    }
    yield out.take(bytesRead);
  } finally {
    // Deletes the duplicate check's spill file (also on cancel or a parse error).
    conv?.seen.close();
  }
}

export const neo4jCsvHandler = makeNeo4jHandler(false);
export const autoSchemaKgCsvHandler = makeNeo4jHandler(true);
