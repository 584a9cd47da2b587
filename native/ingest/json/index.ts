/**
 * JSON format handlers: node-link JSON (networkx/d3), Cytoscape JSON (desktop .cyjs, cytoscape.js
 * elements) and JSON Lines (AutoSchemaKG extraction output or one node/edge per line). Sniffing
 * looks at the first 64 KiB only.
 */
import type { FileRole, FormatHandler } from '../format';
import type { FlatParser } from '../flat-rows';
import { headText } from '../xml/text-source';
import { AUTOSCHEMAKG_KEYS } from './autoschemakg-extraction';
import { parseGraphJson, parseGraphJsonFlat } from './graph-json-parser';
import { parseJsonl } from './jsonl-parser';

function extension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

interface JsonHead {
  text: string;
  /** First non-space character. */
  first: string;
  /** The first line parses alone as a JSON object and another object line follows (or the name says jsonl). */
  lineObjects: boolean;
  firstLine?: Record<string, unknown>;
}

function readHead(head: Buffer, fileName: string): JsonHead {
  const text = headText(head);
  const trimmed = text.trimStart();
  const first = trimmed.charAt(0);
  let firstLine: Record<string, unknown> | undefined;
  let lineObjects = false;
  const lf = trimmed.indexOf('\n');
  if (first === '{' && (lf !== -1 || trimmed.length === text.length)) {
    const line = lf === -1 ? trimmed : trimmed.slice(0, lf);
    try {
      // latin1 head text is fine for key detection; values may be mangled but are not used.
      const v = JSON.parse(line) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) firstLine = v as Record<string, unknown>;
    } catch {
      firstLine = undefined;
    }
    const rest = lf === -1 ? '' : trimmed.slice(lf + 1).trimStart();
    lineObjects = firstLine !== undefined && (rest.startsWith('{') || ['jsonl', 'ndjson'].includes(extension(fileName)));
  }
  return { text, first, lineObjects, firstLine };
}

const CYTOSCAPE_MARKERS = /"elements"\s*:|"group"\s*:\s*"(?:nodes|edges)"|"format_version"\s*:/;
const NODES_MARKER = /"nodes"\s*:\s*\[/;
const LINKS_MARKER = /"(?:links|edges)"\s*:\s*\[/;

const graphRole = (): FileRole => 'graph';

export const nodeLinkJsonFormatHandler: FormatHandler & FlatParser = {
  format: 'json',
  sniff(head, fileName) {
    const h = readHead(head, fileName);
    if (h.first !== '{' && h.first !== '[') return 0;
    if (h.lineObjects) return 0.2;
    if (CYTOSCAPE_MARKERS.test(h.text)) return 0.5;
    if (NODES_MARKER.test(h.text)) return LINKS_MARKER.test(h.text) || head.length >= 60_000 ? 0.9 : 0.8;
    if (LINKS_MARKER.test(h.text)) return 0.7;
    return extension(fileName) === 'json' ? 0.3 : 0.1;
  },
  role: graphRole,
  parse: parseGraphJson,
  parseFlat: parseGraphJsonFlat,
};

export const cytoscapeJsonFormatHandler: FormatHandler & FlatParser = {
  format: 'cytoscape',
  sniff(head, fileName) {
    const h = readHead(head, fileName);
    if (h.first !== '{' && h.first !== '[') return 0;
    if (h.lineObjects) return 0.2;
    if (CYTOSCAPE_MARKERS.test(h.text)) return 0.95;
    if (h.first === '[' && /"data"\s*:\s*\{/.test(h.text)) return 0.8;
    return extension(fileName) === 'cyjs' ? 0.6 : 0;
  },
  role: graphRole,
  parse: parseGraphJson,
  parseFlat: parseGraphJsonFlat,
};

export const jsonlFormatHandler: FormatHandler = {
  format: 'jsonl',
  sniff(head, fileName) {
    const h = readHead(head, fileName);
    if (!h.lineObjects) {
      if (h.first !== '{') return 0;
      // A first line longer than the head: AutoSchemaKG's keys still show which format it is.
      if (h.firstLine === undefined && !h.text.includes('\n') && AUTOSCHEMAKG_KEYS.some((k) => h.text.includes(`"${k}"`))) return 0.9;
      return ['jsonl', 'ndjson'].includes(extension(fileName)) ? 0.4 : 0;
    }
    if (h.firstLine && AUTOSCHEMAKG_KEYS.some((k) => k in h.firstLine!)) return 0.95;
    return 0.75;
  },
  role: graphRole,
  parse: parseJsonl,
};

export const jsonFormatHandlers: FormatHandler[] = [nodeLinkJsonFormatHandler, cytoscapeJsonFormatHandler, jsonlFormatHandler];
