/**
 * Headerless `id<TAB>name` files beside triples (FB15k `mid2name`, WN18RR `entity2text`).
 * Role 'names': they only annotate nodes that exist (a 14,951-row superset must not add
 * isolated nodes). Two dialects, told apart from the sample:
 *  - underscores for spaces (`Gary_Rydstrom`): name with spaces, raw text kept in `raw_name`;
 *  - `lemma, gloss` (`stool, solid excretory product ...`): split on the first ", " into the
 *    name and a `description` property.
 */
import type { Props } from '../../../electron/common/model';
import type { FormatHandler, ParseBatch, ParserInput } from '../format';
import { BatchBuilder, columnCountError, emptyFileError } from '../csv/batch';
import { readHead, readRecords, throwIfAborted } from '../csv/read-records';
import { startsWithHeader, tsvShape } from './tsv-sample';

const NAME_FILE_RE = /(2|to_?)(name|text|label|desc)|names?\b|labels?\b/i;

type NamesDialect = 'underscores' | 'name-comma-gloss' | 'plain';

function textLike(v: string): boolean {
  return /[\s_]/.test(v) || v.includes(', ');
}

export const namesHandler: FormatHandler = {
  format: 'names',
  sniff(head, fileName) {
    const shape = tsvShape(head);
    if (shape.width !== 2 || startsWithHeader(shape.rows)) return 0;
    if (NAME_FILE_RE.test(fileName)) return 0.85;
    // Names read like text while ids do not; two id-like columns are an edge list instead.
    const texty = shape.rows.filter((r) => textLike(r[1]) && !/\s/.test(r[0])).length;
    return texty / shape.rows.length >= 0.3 ? 0.75 : 0.35;
  },
  role: () => 'names',
  parse: parseNames,
};

export function detectDialect(rows: string[][], fileName: string): NamesDialect {
  if (/mid2name/i.test(fileName)) return 'underscores';
  if (/entity2text/i.test(fileName)) return 'name-comma-gloss';
  const n = Math.max(rows.length, 1);
  const comma = rows.filter((r) => r[1]?.includes(', ')).length / n;
  const under = rows.filter((r) => r[1]?.includes('_') && !r[1].includes(' ')).length / n;
  if (comma >= 0.5) return 'name-comma-gloss';
  if (under >= 0.3) return 'underscores';
  return 'plain';
}

/** One names-file value as an annotation's name and properties. */
export function splitName(value: string, dialect: NamesDialect): { name: string; props?: Props } {
  if (dialect === 'underscores') {
    const name = value.replace(/_/g, ' ');
    return name === value ? { name } : { name, props: { raw_name: value } };
  }
  if (dialect === 'name-comma-gloss') {
    const i = value.indexOf(', ');
    if (i > 0) return { name: value.slice(0, i), props: { description: value.slice(i + 2) } };
  }
  return { name: value };
}

async function* parseNames(input: ParserInput): AsyncGenerator<ParseBatch> {
  const file = input.displayName;
  const dialect = detectDialect(tsvShape(await readHead(input.path)).rows, file);
  const out = new BatchBuilder();
  let bytesRead = 0;
  let rows = 0;
  for await (const chunk of readRecords({ path: input.path, file, delimiter: '\t', quotes: false, signal: input.signal })) {
    throwIfAborted(input.signal, file);
    bytesRead = chunk.bytesRead;
    for (let r = 0; r < chunk.rows.length; r++) {
      const row = chunk.rows[r];
      if (row.length !== 2) throw columnCountError(file, chunk.lines[r], 2, row.length, row);
      const { name, props } = splitName(row[1], dialect);
      out.annotations.push(props ? { id: row[0], name, props } : { id: row[0], name });
      rows++;
      if (out.full) yield out.take(bytesRead);
    }
  }
  if (rows === 0) throw emptyFileError(file);
  yield out.take(bytesRead);
}
