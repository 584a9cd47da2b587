/**
 * `kgw`: the workbench engine from a terminal. Each subcommand lives in its own file; this one
 * parses arguments and maps errors to exit codes (0 ok, 1 failed, 2 usage).
 */
import { parseArgs } from 'node:util';
import { WorkbenchError } from '../../common/errors';
import { processIO, printError } from './output';
import { importCommand } from './import-command';
import { statsCommand } from './stats-command';
import { reportCommand } from './report-command';
import { embedCommand } from './embed-command';
import { searchCommand, similarCommand } from './search-command';
import { queryCommands, QUERY_USAGE } from './query-command';
import { storeKindOf } from './open-store';

const USAGE = `Usage: kgw <command> [options]

Commands:
  import <file>... --workspace <dir>   import CSV/TSV, Neo4j CSV, triples, GraphML, GEXF, JSON, JSONL
      [--format F] [--names <file>] [--missing skip|placeholder] [--default-edge-type T]
      [--columns role=column,...]
  stats --workspace <dir>              node and edge counts by type
  report --workspace <dir> [--format json|html|csv|prometheus] [--out <file>]   profiling report
  embed --workspace <dir> [--model <folder>]   embed nodes without a vector (resumable)
  search --workspace <dir> --text "..." [-k 10]   nodes nearest to a phrase, best first
  similar --workspace <dir> --id <id> [-k 10]     nodes nearest to a node
${QUERY_USAGE}

Options:
  --store neo4j  import, stats, query on the Neo4j server of NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD
                 (NEO4J_DATABASE) instead of the workspace's SQLite file
  --json        print one JSON object (for scripts)
  -h, --help    this text`;

export type Command = (args: { positionals: string[]; values: Record<string, unknown> }, json: boolean) => Promise<void>;

const commands: Record<string, Command> = {
  import: ({ positionals, values }, json) =>
    importCommand(
      {
        files: positionals,
        workspace: requireWorkspace(values),
        store: storeKindOf(values),
        format: values.format as string | undefined,
        names: values.names as string[] | undefined,
        missing: values.missing as string | undefined,
        defaultEdgeType: values['default-edge-type'] as string | undefined,
        columns: values.columns as string[] | undefined,
      },
      processIO(json),
    ),
  stats: ({ values }, json) => statsCommand({ workspace: requireWorkspace(values), store: storeKindOf(values) }, processIO(json)),
  report: ({ values }, json) => reportCommand({ workspace: requireWorkspace(values), format: values.format as string | undefined, out: values.out as string | undefined }, processIO(json)),
  embed: ({ values }, json) => embedCommand({ workspace: requireWorkspace(values), model: values.model as string | undefined }, processIO(json)),
  search: ({ values }, json) => searchCommand({ workspace: requireWorkspace(values), text: values.text as string | undefined, k: values.k as string | undefined, model: values.model as string | undefined }, processIO(json)),
  ...queryCommands,
  similar: ({ values }, json) => similarCommand({ workspace: requireWorkspace(values), id: values.id as string | undefined, k: values.k as string | undefined }, processIO(json)),
};

/** Subcommands added by other areas register here (embed, search, query, report, bench ...). */
export function registerCommand(name: string, command: Command, usage?: string): void {
  commands[name] = command;
  if (usage) extraUsage.push(usage);
}
const extraUsage: string[] = [];

function requireWorkspace(values: Record<string, unknown>): string {
  const ws = values.workspace as string | undefined;
  // On Neo4j the data lives on the server (NEO4J_* env): no workspace folder is needed.
  if (!ws && storeKindOf(values) === 'neo4j') return '';
  if (!ws) throw new WorkbenchError('BAD_REQUEST', '--workspace <dir> is required');
  return ws;
}

const OPTIONS = {
  workspace: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
  names: { type: 'string', multiple: true },
  missing: { type: 'string' },
  'default-edge-type': { type: 'string' },
  columns: { type: 'string', multiple: true },
  text: { type: 'string' },
  id: { type: 'string' },
  k: { type: 'string', short: 'k' },
  hops: { type: 'string' },
  direction: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  seeds: { type: 'string' },
  out: { type: 'string' },
  store: { type: 'string' },
  model: { type: 'string' },
  quick: { type: 'boolean' },
  weight: { type: 'string' },
} as const;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    console.log([USAGE, ...extraUsage].join('\n'));
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`kgw: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    console.error(`kgw: ${(err as Error).message}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log([USAGE, ...extraUsage].join('\n'));
    return 0;
  }
  try {
    await command({ positionals: parsed.positionals, values: parsed.values as Record<string, unknown> }, json);
    return 0;
  } catch (err) {
    printError(processIO(json), err);
    return err instanceof WorkbenchError && err.code === 'BAD_REQUEST' ? 2 : 1;
  }
}
