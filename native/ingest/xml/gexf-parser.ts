/**
 * Streaming GEXF (Gephi) reader: `<attributes>` with ids, titles, types and defaults; `<attvalues>`
 * (`for`, or `id` in GEXF 1.1); node `label` as the name; edge `weight` (default 1), per-edge `type`
 * and `defaultedgetype` for direction; viz, spells and meta are ignored. Nested `<nodes>`
 * (hierarchical GEXF) are flattened with one warning.
 */
import { WorkbenchError } from '../../../electron/common/errors';
import type { EdgeRecord, NodeRecord, PropValue, Props } from '../../../electron/common/model';
import type { ParseBatch, ParserInput } from '../format';
import { edgeRoles, isPassageType, nodeRoles, takeLabel, type RecordRoles } from './record-roles';
import { parseXmlFile, type XmlHandler } from './sax-driver';
import type { BatchCollector } from './text-source';
import { convertValue, valueKind, type ValueKind } from './typed-values';

interface GexfAttribute {
  title: string;
  kind: ValueKind;
  default?: PropValue;
}

interface Element {
  kind: 'node' | 'edge';
  attrs: Record<string, string>;
  props: Props;
  line: number;
}

const WHAT = 'GEXF (<gexf> with <graph>, <nodes>, <edges>)';

class GexfHandler implements XmlHandler {
  private sawRoot = false;
  private defaultDirected = true;
  private attributeClass: 'node' | 'edge' | undefined;
  private readonly attributes = { node: new Map<string, GexfAttribute>(), edge: new Map<string, GexfAttribute>() };
  private attribute?: GexfAttribute;
  private defaultText?: string;
  private readonly stack: Element[] = [];
  private nodesDepth = 0;
  private nestedNodeLists = 0;
  private roles?: { node: RecordRoles; edge: RecordRoles };

  constructor(private readonly batch: BatchCollector, private readonly file: string) {}

  open(name: string, a: Record<string, string>, line: number): void {
    if (!this.sawRoot) {
      if (name !== 'gexf') {
        throw new WorkbenchError('UNSUPPORTED_FORMAT', `This XML file's root element is <${name}>, not <gexf>`, {
          file: this.file, line, value: name, expected: WHAT,
        });
      }
      this.sawRoot = true;
      return;
    }
    switch (name) {
      case 'graph':
        this.defaultDirected = (a.defaultedgetype ?? 'directed') !== 'undirected';
        break;
      case 'attributes':
        this.attributeClass = a.class === 'edge' ? 'edge' : a.class === 'node' ? 'node' : undefined;
        break;
      case 'attribute':
        if (this.attributeClass && a.id !== undefined) {
          this.attribute = { title: a.title || a.id, kind: valueKind(a.type) };
          this.attributes[this.attributeClass].set(a.id, this.attribute);
          this.roles = undefined;
        }
        break;
      case 'default':
        if (this.attribute) this.defaultText = '';
        break;
      case 'nodes':
        this.nodesDepth++;
        if (this.nodesDepth > 1) this.nestedNodeLists++;
        break;
      case 'node':
        if (a.id === undefined) throw this.error('A <node> has no id attribute', line, '<node id="...">');
        this.stack.push({ kind: 'node', attrs: a, props: this.defaults('node'), line });
        break;
      case 'edge':
        if (a.source === undefined || a.target === undefined) {
          throw this.error('An <edge> lacks its source or target attribute', line, '<edge source="..." target="...">');
        }
        this.stack.push({ kind: 'edge', attrs: a, props: this.defaults('edge'), line });
        break;
      case 'attvalue':
        this.attvalue(a, line);
        break;
      default:
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'node': this.emitNode(this.stack.pop()!); break;
      case 'edge': this.emitEdge(this.stack.pop()!); break;
      case 'nodes': this.nodesDepth--; break;
      case 'attributes': this.attributeClass = undefined; break;
      case 'attribute': this.attribute = undefined; break;
      case 'default':
        if (this.attribute && this.defaultText !== undefined) {
          const converted = convertValue(this.defaultText, this.attribute.kind);
          if (converted) this.attribute.default = converted.value;
        }
        this.defaultText = undefined;
        break;
      default: break;
    }
  }

  text(t: string): void {
    if (this.defaultText !== undefined) this.defaultText += t;
  }

  finish(): void {
    if (this.nestedNodeLists > 0) {
      this.batch.warn('NESTED_GRAPHS_FLATTENED', `${this.nestedNodeLists} nested node list(s) were flattened into one graph`);
    }
  }

  private defaults(kind: 'node' | 'edge'): Props {
    const props: Props = {};
    for (const attr of this.attributes[kind].values()) if (attr.default !== undefined) props[attr.title] = attr.default;
    return props;
  }

  private attvalue(a: Record<string, string>, line: number): void {
    const owner = this.stack[this.stack.length - 1];
    if (!owner) return;
    const ref = a.for ?? a.id ?? '';
    const attr = this.attributes[owner.kind].get(ref);
    const text = a.value ?? '';
    if (!attr) {
      this.batch.warn('UNDECLARED_KEY', `<attvalue for="${ref}"> has no <attribute> declaration; kept as a string property`, line, ref);
      owner.props[ref] = text;
      return;
    }
    const converted = convertValue(text, attr.kind);
    if (!converted) return;
    if (converted.mismatch) this.batch.warn('BAD_VALUE', `A value does not fit its attribute type (${attr.title}: ${attr.kind}); kept as text`, line, text.slice(0, 80));
    owner.props[attr.title] = converted.value;
  }

  private currentRoles(): { node: RecordRoles; edge: RecordRoles } {
    if (!this.roles) {
      const nodeTitles = [...this.attributes.node.values()].map((x) => x.title);
      this.roles = { node: nodeRoles(nodeTitles), edge: edgeRoles([...this.attributes.edge.values()].map((x) => x.title)) };
    }
    return this.roles;
  }

  private emitNode(el: Element): void {
    const roles = this.currentRoles().node;
    const name = el.attrs.label || takeLabel(el.props, roles.name);
    const type = takeLabel(el.props, roles.type);
    if (el.attrs.pid !== undefined) el.props.pid = el.attrs.pid;
    const node: NodeRecord = { id: el.attrs.id, props: el.props, line: el.line };
    if (name) node.name = name;
    if (type !== undefined) node.type = type;
    if (name && isPassageType(type)) node.text = name;
    this.batch.nodes.push(node);
  }

  private emitEdge(el: Element): void {
    const a = el.attrs;
    const type = a.kind || a.label || takeLabel(el.props, this.currentRoles().edge.type);
    const weight = a.weight !== undefined ? Number(a.weight) : 1;
    el.props.weight = Number.isFinite(weight) ? weight : a.weight;
    const directed = a.type !== undefined ? a.type !== 'undirected' : this.defaultDirected;
    if (!directed) el.props.directed = false;
    const edge: EdgeRecord = { source: a.source, target: a.target, props: el.props, line: el.line };
    if (a.id !== undefined) edge.id = a.id;
    if (type) edge.type = type;
    this.batch.edges.push(edge);
  }

  private error(message: string, line: number, expected: string): WorkbenchError {
    return new WorkbenchError('PARSE_ERROR', message, { file: this.file, line, expected });
  }
}

export function parseGexf(input: ParserInput): AsyncGenerator<ParseBatch> {
  return parseXmlFile(input, WHAT, (batch) => new GexfHandler(batch, input.displayName));
}
