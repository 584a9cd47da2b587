/** How every subcommand talks: one JSON object with --json, readable lines otherwise; errors to stderr. */
import { formatError, toErrorShape } from '../../common/errors';

export interface CliIO {
  json: boolean;
  out(line: string): void;
  err(line: string): void;
}

export const processIO = (json: boolean): CliIO => ({
  json,
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
});

export function printResult(io: CliIO, value: unknown, human: () => string[]): void {
  if (io.json) io.out(JSON.stringify(value));
  else for (const line of human()) io.out(line);
}

export function printError(io: CliIO, err: unknown): void {
  const shape = toErrorShape(err);
  io.err(`kgw: ${formatError(shape)}`);
  if (io.json) io.out(JSON.stringify({ error: shape }));
}
