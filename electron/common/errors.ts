/**
 * Errors are values: a code a program can switch on, a message a user understands,
 * and details (file, line, column, offending value) that say where.
 */

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'NO_WORKSPACE'
  | 'PARSE_ERROR'
  | 'UNSUPPORTED_FORMAT'
  | 'EMPTY_FILE'
  | 'ENCODING'
  | 'CANCELLED'
  | 'WORKER_CRASHED'
  | 'IO_ERROR'
  | 'FORBIDDEN'
  | 'TOO_LARGE'
  | 'MODEL_MISSING'
  | 'STORE_ERROR'
  | 'NEO4J_UNAVAILABLE'
  | 'NEO4J_AUTH'
  | 'NEO4J_VERSION'
  | 'INTERNAL';

export interface ErrorDetails {
  file?: string;
  line?: number;
  column?: number;
  value?: string;
  expected?: string;
  [key: string]: unknown;
}

export interface WorkbenchErrorShape {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export class WorkbenchError extends Error implements WorkbenchErrorShape {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.details = details;
  }

  toJSON(): WorkbenchErrorShape {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Turns anything thrown into the error shape that crosses process boundaries. */
export function toErrorShape(err: unknown): WorkbenchErrorShape {
  if (err instanceof WorkbenchError) return err.toJSON();
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const e = err as { code: unknown; message: unknown; details?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string' && isKnownCode(e.code)) {
      return { code: e.code, message: e.message, details: e.details as ErrorDetails | undefined };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

export function fromErrorShape(shape: WorkbenchErrorShape): WorkbenchError {
  return new WorkbenchError(shape.code, shape.message, shape.details);
}

/** "file.csv, line 3, column 7: message" — the one format every surface prints. */
export function formatError(e: WorkbenchErrorShape): string {
  const d = e.details ?? {};
  const where = [d.file, d.line !== undefined ? `line ${d.line}` : undefined, d.column !== undefined ? `column ${d.column}` : undefined]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${e.message}` : e.message;
}

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_REQUEST', 'NOT_FOUND', 'NO_WORKSPACE', 'PARSE_ERROR', 'UNSUPPORTED_FORMAT', 'EMPTY_FILE', 'ENCODING',
  'CANCELLED', 'WORKER_CRASHED', 'IO_ERROR', 'FORBIDDEN', 'TOO_LARGE', 'MODEL_MISSING', 'STORE_ERROR',
  'NEO4J_UNAVAILABLE', 'NEO4J_AUTH', 'NEO4J_VERSION', 'INTERNAL',
]);

function isKnownCode(code: string): code is ErrorCode {
  return KNOWN_CODES.has(code);
}
