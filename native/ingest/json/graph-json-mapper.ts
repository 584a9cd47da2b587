/**
 * Maps parsed JSON graph records to NodeRecord/EdgeRecord: networkx/d3 node-link records
 * (`{id, ...}`, `{source, target, key, ...}`; d3 links may point at nodes by array index) and
 * Cytoscape elements (`{group?, data: {id, source, target, ...}, position, selected, ...}`, of which
 * only `data` is kept: the rest is UI state).
 */
import type { EdgeRecord, NodeRecord, PropValue, Props } from '../../../electron/common/model';
import type { BatchCollector } from '../xml/text-source';
import { asLabel, edgeRoles, isPassageType, nodeRoles, type RecordRoles } from '../xml/record-roles';
import type { RecordSection } from './json-record-scanner';
import { propsJson } from '../flat-rows';
import { PropsText } from './props-text';

type Json = Record<string, unknown>;

/** d3-force simulation state written back into nodes; not data. */
const D3_SIMULATION_KEYS = new Set(['index', 'vx', 'vy', 'fx', 'fy']);
/** Cytoscape `data` fields that are UI state too. */
const CYTOSCAPE_UI_DATA_KEYS = new Set(['selected']);
const ROLE_CACHE_LIMIT = 1024;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function idString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export class GraphJsonMapper {
  /** From the top-level `directed` of networkx output; undefined when the file does not say. */
  directed?: boolean;
  /** Node ids by array position, kept while no node has its own id (d3 index links). */
  private idByIndex: string[] | null = [];
  private nodeIndex = 0;
  private readonly roleCache = new Map<string, RecordRoles>();
  private readonly lastShape: Partial<Record<'node' | 'edge', { keys: string[]; roles: RecordRoles }>> = {};
  /** Props as JSON text for flat batches (the batch's FlatBuilder), instead of objects. */
  private readonly propsText = new PropsText();
  nodes = 0;
  edges = 0;

  constructor(private readonly batch: BatchCollector) {}

  record(section: RecordSection, value: unknown, line: number): void {
    if (!isObject(value)) {
      this.batch.warn('NOT_AN_OBJECT', `A ${section} entry is not an object and was skipped`, line, JSON.stringify(value)?.slice(0, 80));
      return;
    }
    switch (section) {
      case 'nodes':
        if (isObject(value.data) && value.id === undefined) this.cytoscapeNode(value.data, line);
        else this.nodeLinkNode(value, line);
        break;
      case 'links':
        if (isObject(value.data) && value.source === undefined) this.cytoscapeEdge(value.data, line);
        else this.nodeLinkEdge(value, line);
        break;
      case 'elements.nodes':
        this.cytoscapeNode(isObject(value.data) ? value.data : value, line);
        break;
      case 'elements.edges':
        this.cytoscapeEdge(isObject(value.data) ? value.data : value, line);
        break;
      case 'elements': {
        const data = isObject(value.data) ? value.data : value;
        const isEdge = value.group === 'edges' || (value.group !== 'nodes' && data.source !== undefined && data.target !== undefined);
        if (isEdge) this.cytoscapeEdge(data, line);
        else this.cytoscapeNode(data, line);
        break;
      }
    }
  }

  /**
   * Which keys name and type this record. Records of one file nearly always share one shape, so
   * the last shape per kind is checked first (cheaper than building a cache key per record).
   */
  private roles(obj: Json, kind: 'node' | 'edge', exclude: Set<string>): RecordRoles {
    const keys = Object.keys(obj);
    const last = this.lastShape[kind];
    if (last && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) return last.roles;
    const shape = kind + '\u0000' + keys.join('\u0000');
    let roles = this.roleCache.get(shape);
    if (!roles) {
      const candidates = keys.filter((k) => !exclude.has(k));
      roles = kind === 'node' ? nodeRoles(candidates) : edgeRoles(candidates);
      if (this.roleCache.size >= ROLE_CACHE_LIMIT) this.roleCache.clear();
      this.roleCache.set(shape, roles);
    }
    this.lastShape[kind] = { keys, roles };
    return roles;
  }

  /** Props without the id/endpoint keys and without the name/type keys when they hold labels. */
  private copyProps(obj: Json, skip: Set<string>, roles: RecordRoles, skip2?: Set<string>): Props {
    const props: Props = {};
    for (const k in obj) {
      if (skip.has(k) || skip2?.has(k)) continue;
      const v = obj[k];
      if (v === undefined) continue;
      if ((k === roles.name || k === roles.type) && asLabel(v as PropValue) !== undefined) continue;
      props[k] = v as PropValue;
    }
    return props;
  }

  private pushNode(id: string, obj: Json, roles: RecordRoles, line: number, skip: Set<string>, skip2?: Set<string>): void {
    const name = roles.name !== undefined ? asLabel(obj[roles.name] as PropValue) : undefined;
    const type = roles.type !== undefined ? asLabel(obj[roles.type] as PropValue) : undefined;
    const text = name !== undefined && isPassageType(type) ? name : undefined;
    const flat = this.batch.flat;
    if (flat) {
      // Columns straight away (what flattenNodes makes of the record below).
      let props = this.propsText.json(obj, skip, roles, skip2, false);
      if (props === undefined) props = propsJson(this.copyProps(obj, skip, roles, skip2));
      flat.node(id, name ?? '', type ?? '', null, props, text ?? null, line);
    } else {
      const node: NodeRecord = { id, props: this.copyProps(obj, skip, roles, skip2), line };
      if (name !== undefined) node.name = name;
      if (type !== undefined) node.type = type;
      if (text !== undefined) node.text = text;
      this.batch.nodes.push(node);
    }
    this.nodes++;
  }

  private nodeLinkNode(obj: Json, line: number): void {
    const index = this.nodeIndex++;
    const roles = this.roles(obj, 'node', NODE_LINK_NODE_KEYS);
    let id = idString(obj.id);
    if (id !== undefined) {
      this.idByIndex = null;
    } else {
      // d3 style: nodes without ids are keyed by name, else by their position.
      id = (roles.name !== undefined ? idString(obj[roles.name]) : undefined) ?? String(index);
      this.idByIndex?.push(id);
    }
    this.pushNode(id, obj, roles, line, NODE_LINK_NODE_KEYS, D3_SIMULATION_KEYS);
  }

  private cytoscapeNode(data: Json, line: number): void {
    const id = idString(data.id);
    if (id === undefined) {
      this.batch.warn('MISSING_ID', 'A node has no data.id and was skipped', line);
      return;
    }
    const roles = this.roles(data, 'node', CYTOSCAPE_NODE_KEYS);
    this.pushNode(id, data, roles, line, CYTOSCAPE_NODE_KEYS);
  }

  private endpoint(v: unknown, line: number): string | undefined {
    if (typeof v === 'number' && this.idByIndex && Number.isInteger(v)) {
      const id = this.idByIndex[v];
      if (id !== undefined) return id;
      this.batch.warn('INDEX_OUT_OF_RANGE', 'A link refers to a node index that no node has (or links come before nodes)', line, String(v));
      return String(v);
    }
    if (isObject(v)) return idString(v.id) ?? idString(v.name) ?? this.endpoint(v.index, line);
    return idString(v);
  }

  private pushEdge(data: Json, source: unknown, target: unknown, roles: RecordRoles, skip: Set<string>, line: number): void {
    const s = this.endpoint(source, line);
    const t = this.endpoint(target, line);
    if (s === undefined || t === undefined) {
      this.batch.warn('MISSING_ENDPOINT', 'An edge without source or target was skipped', line);
      return;
    }
    const type = roles.type !== undefined ? asLabel(data[roles.type] as PropValue) : undefined;
    const id = idString(data.id);
    const flat = this.batch.flat;
    if (flat) {
      let props = this.propsText.json(data, skip, roles, undefined, this.directed === false);
      if (props === undefined) props = propsJson(this.edgeProps(data, skip, roles));
      flat.edge(s, t, type ?? '', id ?? null, props, line);
    } else {
      const edge: EdgeRecord = { source: s, target: t, props: this.edgeProps(data, skip, roles), line };
      if (id !== undefined) edge.id = id;
      if (type !== undefined) edge.type = type;
      this.batch.edges.push(edge);
    }
    this.edges++;
  }

  private edgeProps(data: Json, skip: Set<string>, roles: RecordRoles): Props {
    const props = this.copyProps(data, skip, roles);
    if (this.directed === false && props.directed === undefined) props.directed = false;
    return props;
  }

  private nodeLinkEdge(obj: Json, line: number): void {
    this.pushEdge(obj, obj.source, obj.target, this.roles(obj, 'edge', EDGE_KEYS), EDGE_KEYS, line);
  }

  private cytoscapeEdge(data: Json, line: number): void {
    this.pushEdge(data, data.source, data.target, this.roles(data, 'edge', CYTOSCAPE_EDGE_KEYS), CYTOSCAPE_EDGE_KEYS, line);
  }
}

const NODE_LINK_NODE_KEYS = new Set(['id']);
const CYTOSCAPE_NODE_KEYS = new Set(['id', ...CYTOSCAPE_UI_DATA_KEYS]);
const EDGE_KEYS = new Set(['id', 'source', 'target']);
const CYTOSCAPE_EDGE_KEYS = new Set(['id', 'source', 'target', ...CYTOSCAPE_UI_DATA_KEYS]);
