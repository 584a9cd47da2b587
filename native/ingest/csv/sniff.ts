/**
 * Guessing what a delimited text file is from its first bytes: which delimiter, whether the
 * first row is a header, and the sample rows themselves. Shared by all CSV-family handlers.
 */
import { CsvTokenizer } from './tokenizer';

export const DELIMITERS = [',', '\t', ';', '|'] as const;

export interface HeadSample {
  delimiter: string;
  rows: string[][];
  /** Fraction of sample rows with the first row's column count (1 = perfectly regular). */
  consistency: number;
}

/** Decodes a head buffer as UTF-8 without the BOM; '' when it is not text at all. */
export function headText(head: Buffer): string {
  if (head.length === 0 || head.includes(0)) return '';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return '';
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

const MARKUP_EXTENSIONS = new Set(['json', 'jsonl', 'ndjson', 'cyjs', 'graphml', 'gexf', 'xml', 'gml', 'dot']);

/** JSON, XML and friends split on commas too: no CSV-family handler may claim them. */
export function looksLikeOtherFormat(text: string, fileName: string): boolean {
  if (MARKUP_EXTENSIONS.has(extensionOf(fileName))) return true;
  const first = text.trimStart()[0];
  return first === '<' || first === '{';
}

/**
 * Tokenizes the first `max` complete records of `text` (a last, possibly cut one is left out).
 * It stops there rather than tokenizing the whole head: a 64 KiB head holds ~700 rows of a
 * typical CSV, and each delimiter tried tokenized all of them with code that is still cold.
 */
export function sampleRows(text: string, delimiter: string, quotes: boolean, max = 200): string[][] {
  const tok = new CsvTokenizer({ delimiter, quotes, file: 'sniff' });
  try {
    return tok.push(text, false, max).rows;
  } catch {
    return [];
  }
}

/**
 * Picks the delimiter that splits the sample into the most regular table with more than one
 * column; ties go to the earlier (more common) delimiter.
 */
export function detectDelimiter(text: string, quotes = true): HeadSample | undefined {
  // Format detection asks this several times for the same head (each CSV-family handler's sniff
  // and role, then the parser): ~25 ms each for a 64 KiB head, ~100 ms per file before the import
  // started. The sample is read-only for every caller.
  // Several heads are remembered: an import detects every file's format before it parses the
  // first, and each parser asks again for its own file's head.
  for (const m of memo) if (m.quotes === quotes && m.text === text) return m.sample;
  const sample = detectDelimiterUncached(text, quotes);
  memo.unshift({ text, quotes, sample });
  if (memo.length > MEMO_HEADS) memo.pop();
  return sample;
}

const MEMO_HEADS = 8;
const memo: Array<{ text: string; quotes: boolean; sample: HeadSample | undefined }> = [];

function detectDelimiterUncached(text: string, quotes: boolean): HeadSample | undefined {
  let best: HeadSample | undefined;
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const rows = sampleRows(text, delimiter, quotes);
    if (rows.length === 0) continue;
    const width = rows[0].length;
    if (width < 2) continue;
    const same = rows.filter((r) => r.length === width).length;
    const consistency = same / rows.length;
    // Regularity first, then width (a wider regular split explains more of each line).
    const score = consistency * 1000 + Math.min(width, 100);
    if (score > bestScore) {
      bestScore = score;
      best = { delimiter, rows, consistency };
    }
  }
  return best;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function looksNumeric(s: string): boolean {
  return NUMBER_RE.test(s);
}

/**
 * Header or data? A first row naming a known column is a header; a row with an empty or
 * numeric cell, or a repeated cell, is data; otherwise a header (most CSV files have one, and
 * a headerless file of plain words can be mapped with `options.columns`).
 */
export function hasHeader(first: string[] | undefined, knownNames: ReadonlySet<string>): boolean {
  if (!first) return false;
  if (first.some((c) => knownNames.has(normalizeName(c)))) return true;
  if (first.some((c) => c.trim() === '' || looksNumeric(c.trim()))) return false;
  return new Set(first).size === first.length;
}

/** Column names compared loosely: case, spaces, dashes and underscores ignored. */
export function normalizeName(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_\-.]/g, '');
}

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}
