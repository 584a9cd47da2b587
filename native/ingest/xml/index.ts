/**
 * GraphML and GEXF format handlers. Sniffing reads only the head of the file: the root element name
 * decides (GraphML `<graphml`, GEXF `<gexf`), the file extension only breaks ties.
 */
import type { FileRole, FormatHandler } from '../format';
import type { FlatParser } from '../flat-rows';
import { parseGexf } from './gexf-parser';
import { parseGraphml, parseGraphmlFlat } from './graphml-parser';
import { headText } from './text-source';

/** The first element name after the prolog (XML decl, comments, doctype), or undefined. */
export function rootElementName(head: Buffer): string | undefined {
  const text = headText(head);
  const re = /<(?:\?[\s\S]*?\?>|!--[\s\S]*?-->|!DOCTYPE[^>]*>|([A-Za-z_][\w.:-]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1]) {
      const colon = m[1].indexOf(':');
      return colon === -1 ? m[1] : m[1].slice(colon + 1);
    }
  }
  return undefined;
}

function extension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function looksLikeXml(head: Buffer): boolean {
  return /^\s*</.test(headText(head).slice(0, 1024));
}

const graphRole = (): FileRole => 'graph';

export const graphmlFormatHandler: FormatHandler & FlatParser = {
  format: 'graphml',
  sniff(head, fileName) {
    const root = rootElementName(head);
    if (root === 'graphml') return 0.95;
    if (root === undefined && extension(fileName) === 'graphml') return looksLikeXml(head) ? 0.5 : 0.2;
    return 0;
  },
  role: graphRole,
  parse: parseGraphml,
  parseFlat: parseGraphmlFlat,
};

export const gexfFormatHandler: FormatHandler = {
  format: 'gexf',
  sniff(head, fileName) {
    const root = rootElementName(head);
    if (root === 'gexf') return 0.95;
    if (root === undefined && extension(fileName) === 'gexf') return looksLikeXml(head) ? 0.5 : 0.2;
    return 0;
  },
  role: graphRole,
  parse: parseGexf,
};

export const xmlFormatHandlers: FormatHandler[] = [graphmlFormatHandler, gexfFormatHandler];
