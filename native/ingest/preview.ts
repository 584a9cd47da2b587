/**
 * What the import dialog shows before anything is written: per file its detected format and
 * role, and for generic CSV/TSV (the only format whose columns have no fixed meaning) the header,
 * the guessed column roles and the first rows, so the user can confirm or change the mapping.
 * Reads only the first 64 KiB of each file.
 */
import fs from 'node:fs';
import { toErrorShape } from '../../electron/common/errors';
import type { ImportOptions, ImportPreviewFile } from '../../electron/common/protocol/import';
import { detectFormat, readHead } from './registry';
import { guessColumns, KNOWN_COLUMN_NAMES } from './csv/column-guess';
import { detectDelimiter, hasHeader, headText } from './csv/sniff';
import { labelFromFileName } from './csv/generic-handler';
import type { ImportSource } from './run-import';

const PREVIEW_ROWS = 20;

export function previewFiles(sources: ImportSource[], options: ImportOptions = {}): ImportPreviewFile[] {
  return sources.map((s) => previewOne(s, options));
}

function previewOne(source: ImportSource, options: ImportOptions): ImportPreviewFile {
  const base: ImportPreviewFile = { name: source.name, format: 'unknown', role: 'nodes', size: 0, mappable: false, columns: [], mapping: {}, rows: [], problems: [] };
  try {
    base.size = fs.statSync(source.path).size;
    const head = readHead(source.path);
    const detected = detectFormat(head, source.name, options.formats?.[source.name]);
    base.format = detected.handler.format;
    base.role = detected.role;
    if (detected.handler.format !== 'csv') return base;
    return { ...base, ...previewGenericCsv(head, source.name, options.columns?.[source.name]) };
  } catch (err) {
    const e = toErrorShape(err);
    const where = e.details?.line !== undefined ? ` (line ${e.details.line})` : '';
    base.problems.push(`${e.message}${where}`);
    return base;
  }
}

function previewGenericCsv(head: Buffer, file: string, override: Record<string, string> | undefined): Partial<ImportPreviewFile> {
  const sample = detectDelimiter(headText(head));
  if (!sample) return { problems: ['No delimiter (comma, tab, semicolon or pipe) splits the first rows into columns'] };
  const first = sample.rows[0];
  const header = hasHeader(first, KNOWN_COLUMN_NAMES);
  const columns = header ? first.map((c, i) => c.trim() || `column${i + 1}`) : first.map((_, i) => `column${i + 1}`);
  const problems: string[] = [];
  const body = sample.rows.slice(header ? 1 : 0);
  // The sample may end mid-row (64 KiB cut): only complete-looking rows are checked.
  body.slice(0, -1).forEach((row, i) => {
    if (row.length !== columns.length && problems.length < 5) {
      problems.push(`Row ${i + (header ? 2 : 1)} has ${row.length} columns, the header has ${columns.length}`);
    }
  });
  let mapping: ImportPreviewFile['mapping'] = {};
  let role: ImportPreviewFile['role'] = 'nodes';
  try {
    const m = guessColumns(columns, header, override, file);
    role = m.kind;
    const name = (i: number) => (i >= 0 ? columns[i] : undefined);
    mapping = m.kind === 'edges'
      ? { source: name(m.source), target: name(m.target), relation: name(m.type), id: name(m.id) }
      : { id: name(m.id), name: name(m.name), type: name(m.type), text: name(m.text) };
    for (const k of Object.keys(mapping) as Array<keyof typeof mapping>) if (mapping[k] === undefined) delete mapping[k];
  } catch (err) {
    problems.push(toErrorShape(err).message);
  }
  return {
    role,
    mappable: true,
    delimiter: sample.delimiter,
    hasHeader: header,
    columns,
    mapping,
    defaultType: labelFromFileName(file),
    rows: body.slice(0, PREVIEW_ROWS).map((r) => r.map((c) => (c.length > 200 ? `${c.slice(0, 199)}…` : c))),
    problems,
  };
}
