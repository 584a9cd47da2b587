/**
 * Streaming GraphML reader: typed keys with defaults, directed/undirected graphs, parallel edges and
 * self loops kept, nested graphs flattened (one warning), yEd graphics ignored except the text of
 * `<y:NodeLabel>`/`<y:EdgeLabel>`, which names the node or types the edge when no key does.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import type { EdgeRecord, NodeRecord, PropValue, Props } from '../../../electron/common/model';
import type { ParseBatch, ParserInput } from '../format';
import type { FlatBuilder } from '../flat-rows';
import { GraphmlKeys, propsFromDefaults, type GraphmlKey } from './graphml-keys';
import { PropsText, propsStateJson, startProps, type PropsState } from './props-text';
import { asLabel, edgeRoles, isPassageType, nodeRoles, type RecordRoles } from './record-roles';
import { parseXmlFile, type XmlHandler } from './sax-driver';
import type { BatchCollector } from './text-source';
import { convertValue } from './typed-values';

interface Owner {
  kind: 'node' | 'edge' | 'graph' | 'ignored';
  id?: string;
  source?: string;
  target?: string;
  directed?: boolean;
  /** Props of a node/edge: an object for records, JSON text for flat batches (props-text.ts). */
  props?: Props;
  propsText?: PropsState;
  /** Text of the first yEd NodeLabel/EdgeLabel inside this element. */
  label?: string;
  /** Values of the keys chosen as name and type: kept apart from props (no `delete` later). */
  name?: string;
  type?: string;
  line: number;
}

interface OpenData {
  owner: Owner;
  keyId: string;
  text: string;
  /** A yEd graphics key (no attr.name): only its label text is read. */
  graphics: boolean;
  /** The key declared for this node/edge data, looked up once when it opens (no <key> can be declared inside it). */
  key?: GraphmlKey;
}

const WHAT = 'GraphML (<graphml> with <graph>, <node>, <edge>)';

class GraphmlHandler implements XmlHandler {
  private readonly keys = new GraphmlKeys();
  private key?: GraphmlKey;
  private defaultText?: string;
  private sawRoot = false;
  private graphs = 0;
  private nestedGraphs = 0;
  private readonly directedStack: boolean[] = [];
  private readonly owners: Owner[] = [];
  private data?: OpenData;
  /** 0 outside a yEd label; 1 directly inside one; deeper inside its child elements. */
  private labelNesting = 0;
  private labelText = '';
  private rolesVersion = -1;
  private nodeRoleKeys: RecordRoles = {};
  private edgeRoleKeys: RecordRoles = {};
  /** Declared defaults of the name/type keys, as labels. */
  private roleDefaults: { nodeName?: string; nodeType?: string; edgeType?: string } = {};
  /** Defaults of the other keys, copied into each node/edge's props. */
  private nodeDefaults: Array<[string, PropValue]> = [];
  private edgeDefaults: Array<[string, PropValue]> = [];
  /** Flat batches: columns written here, props as JSON text from the start states below. */
  private readonly flat?: FlatBuilder;
  private readonly propsText = new PropsText();
  private nodeStart: PropsState = { json: '', mask: 0 };
  private edgeStart: PropsState = { json: '', mask: 0 };

  constructor(private readonly batch: BatchCollector, private readonly file: string) {
    this.flat = batch.flat;
  }

  open(name: string, a: Record<string, string>, line: number): void {
    if (!this.sawRoot) {
      if (name !== 'graphml') {
        throw new WorkbenchError('UNSUPPORTED_FORMAT', `This XML file's root element is <${name}>, not <graphml>`, {
          file: this.file, line, value: name, expected: WHAT,
        });
      }
      this.sawRoot = true;
      return;
    }
    if (this.labelNesting > 0) {
      this.labelNesting++;
      return;
    }
    if (this.data) {
      const owner = this.data.owner;
      if (this.data.graphics && (name === 'NodeLabel' || name === 'EdgeLabel') && owner.label === undefined) {
        this.labelNesting = 1;
        this.labelText = '';
      }
      return;
    }
    switch (name) {
      case 'node':
        if (a.id === undefined) throw this.error('A <node> has no id attribute', line, '<node id="...">');
        this.refreshRoles();
        this.owners.push(this.flat
          ? { kind: 'node', id: a.id, propsText: startProps(this.nodeStart), line }
          : { kind: 'node', id: a.id, props: propsFromDefaults(this.nodeDefaults), line });
        break;
      case 'edge':
        if (a.source === undefined || a.target === undefined) {
          throw this.error('An <edge> lacks its source or target attribute', line, '<edge source="..." target="...">');
        }
        this.refreshRoles();
        this.owners.push({
          kind: 'edge', id: a.id, source: a.source, target: a.target, line,
          directed: a.directed !== undefined ? a.directed === 'true' : this.directedStack[this.directedStack.length - 1] ?? true,
        });
        if (this.flat) this.owners[this.owners.length - 1].propsText = startProps(this.edgeStart);
        else this.owners[this.owners.length - 1].props = propsFromDefaults(this.edgeDefaults);
        break;
      case 'graph':
        this.graphs++;
        if (this.directedStack.length > 0) this.nestedGraphs++;
        this.directedStack.push(a.edgedefault === undefined ? true : a.edgedefault !== 'undirected');
        this.owners.push({ kind: 'graph', line });
        break;
      case 'data': {
        // Root-level data (yEd's <y:Resources>) belongs to nothing we keep; its content is skipped.
        const owner = this.owners[this.owners.length - 1] ?? { kind: 'ignored', line };
        const keyId = a.key ?? '';
        const key = owner.kind === 'node' || owner.kind === 'edge' ? this.keys.lookup(owner.kind, keyId) : undefined;
        this.data = { owner, keyId, text: '', graphics: key !== undefined && key.name === undefined, key };
        break;
      }
      case 'key':
        this.key = this.keys.declare(a);
        break;
      case 'default':
        if (this.key) this.defaultText = '';
        break;
      case 'hyperedge':
        this.batch.warn('HYPEREDGE_SKIPPED', 'GraphML hyperedges are not supported and were skipped', line);
        this.owners.push({ kind: 'ignored', line });
        break;
      case 'port':
        this.owners.push({ kind: 'ignored', line });
        break;
      default:
        break;
    }
  }

  close(name: string): void {
    if (this.labelNesting > 0) {
      this.labelNesting--;
      if (this.labelNesting === 0 && this.data) {
        const text = this.labelText.trim();
        if (text !== '') this.data.owner.label = text;
      }
      return;
    }
    if (this.data) {
      if (name === 'data') this.closeData(this.data);
      return;
    }
    switch (name) {
      case 'node': this.emitNode(this.owners.pop()!); break;
      case 'edge': this.emitEdge(this.owners.pop()!); break;
      case 'graph': this.directedStack.pop(); this.owners.pop(); break;
      case 'hyperedge': case 'port': this.owners.pop(); break;
      case 'default':
        if (this.key && this.defaultText !== undefined) this.keys.setDefault(this.key, this.defaultText);
        this.defaultText = undefined;
        break;
      case 'key': this.key = undefined; break;
      default: break;
    }
  }

  text(t: string): void {
    if (this.labelNesting === 1) this.labelText += t;
    else if (this.data && !this.data.graphics && this.labelNesting === 0) this.data.text += t;
    else if (this.defaultText !== undefined) this.defaultText += t;
  }

  finish(): void {
    if (this.graphs === 0) this.batch.warn('NO_GRAPH', 'The GraphML file has no <graph> element; nothing was imported');
    if (this.nestedGraphs > 0) {
      this.batch.warn('NESTED_GRAPHS_FLATTENED',
        `${this.nestedGraphs} nested graph(s) were flattened into one graph; group nodes are kept as nodes and ids like "n3::n0" are kept`);
    }
  }

  private closeData(d: OpenData): void {
    this.data = undefined;
    const owner = d.owner;
    if (owner.kind !== 'node' && owner.kind !== 'edge') return; // graph-level metadata is not part of the graph
    if (d.graphics) return;
    const key = d.key;
    if (!key) {
      this.batch.warn('UNDECLARED_KEY', `<data key="${d.keyId}"> has no <key> declaration; kept as a string property`, owner.line, d.keyId);
      this.setProp(owner, d.keyId, d.text);
      return;
    }
    const converted = convertValue(d.text, key.kind);
    if (!converted) return;
    if (converted.mismatch) {
      this.batch.warn('BAD_VALUE', `A value does not fit its key type (${key.name}: ${key.kind}); kept as text`, owner.line, d.text.slice(0, 80));
    }
    const name = key.name!;
    const roles = owner.kind === 'node' ? this.nodeRoleKeys : this.edgeRoleKeys;
    if (name === roles.name || name === roles.type) {
      const label = asLabel(converted.value);
      if (label !== undefined) {
        if (name === roles.name) owner.name = label;
        else owner.type = label;
        return;
      }
    }
    this.setProp(owner, name, converted.value);
  }

  private setProp(owner: Owner, name: string, value: PropValue): void {
    if (owner.propsText) this.propsText.set(owner.propsText, name, value);
    else owner.props![name] = value;
  }

  private refreshRoles(): void {
    if (this.rolesVersion === this.keys.version) return;
    this.nodeRoleKeys = nodeRoles(this.keys.namesFor('node'));
    this.edgeRoleKeys = edgeRoles(this.keys.namesFor('edge'));
    this.nodeDefaults = this.keys.defaultsList('node', this.nodeRoleKeys.name, this.nodeRoleKeys.type);
    this.edgeDefaults = this.keys.defaultsList('edge', this.edgeRoleKeys.type);
    this.roleDefaults = {
      nodeName: asLabel(this.keys.defaultOf('node', this.nodeRoleKeys.name)),
      nodeType: asLabel(this.keys.defaultOf('node', this.nodeRoleKeys.type)),
      edgeType: asLabel(this.keys.defaultOf('edge', this.edgeRoleKeys.type)),
    };
    if (this.flat) {
      this.nodeStart = this.propsText.fromDefaults(this.nodeDefaults);
      this.edgeStart = this.propsText.fromDefaults(this.edgeDefaults);
    }
    this.rolesVersion = this.keys.version;
  }

  private emitNode(o: Owner): void {
    const name = o.name ?? this.roleDefaults.nodeName ?? o.label;
    const type = o.type ?? this.roleDefaults.nodeType;
    if (this.flat) {
      const text = name !== undefined && isPassageType(type) ? name : null;
      this.flat.node(o.id!, name ?? '', type ?? '', null, propsStateJson(o.propsText!), text, o.line);
      return;
    }
    const node: NodeRecord = { id: o.id!, props: o.props!, line: o.line };
    if (name !== undefined) node.name = name;
    if (type !== undefined) node.type = type;
    if (name !== undefined && isPassageType(type)) node.text = name;
    this.batch.nodes.push(node);
  }

  private emitEdge(o: Owner): void {
    const type = o.type ?? this.roleDefaults.edgeType ?? o.label;
    if (!o.directed) this.setProp(o, 'directed', false);
    if (this.flat) {
      this.flat.edge(o.source!, o.target!, type ?? '', o.id ?? null, propsStateJson(o.propsText!), o.line);
      return;
    }
    const edge: EdgeRecord = { source: o.source!, target: o.target!, props: o.props!, line: o.line };
    if (o.id !== undefined) edge.id = o.id;
    if (type !== undefined) edge.type = type;
    this.batch.edges.push(edge);
  }

  private error(message: string, line: number, expected: string): WorkbenchError {
    return new WorkbenchError('PARSE_ERROR', message, { file: this.file, line, expected });
  }
}

/**
 * Flat batches (parseFlat, for the SQLite writer): full after the 64 KiB chunk that brings one to
 * 128 records, i.e. one chunk (~240 networkx-style records) a batch. The batch being built is
 * what the parser thread's scavenges copy, and the writer's 4 MB semi-space has to hold it.
 * CLI import of GraphML 100K / 500K (load 2.5-3.8, alternated): records in 2048-batches 8.7-9.0 s
 * CPU; flat 512: 8.1-8.3 s; flat 256: 7.0-7.6 s; flat 128: 6.9-7.4 s. Record batches stay at
 * BATCH_RECORDS: the Neo4j writer commits one transaction per batch.
 */
const FLAT_BATCH_RECORDS = 128;

export function parseGraphml(input: ParserInput): AsyncGenerator<ParseBatch> {
  return parseXmlFile(input, WHAT, (batch) => new GraphmlHandler(batch, input.displayName));
}

/** Columns written while parsing (no record or props object per node/edge); same rows as flattenBatch of parseGraphml's. */
export function parseGraphmlFlat(input: ParserInput): AsyncGenerator<ParseBatch> {
  return parseXmlFile(input, WHAT, (batch) => new GraphmlHandler(batch, input.displayName), FLAT_BATCH_RECORDS, true);
}
