/** Entry of the `kgw` command (bundled to dist/node/cli.js). */
import { main } from './cli/main';
import { relaunchWithIngestFlags } from './cli/ingest-flags';

/**
 * Exits once everything written to stdout has been flushed: a piped stdout (`kgw ... --json | jq`)
 * is asynchronous, and process.exit() alone would cut it at the pipe buffer (64 KB). An explicit
 * exit (not exitCode) because native handles (ONNX threads, a Neo4j driver) may keep the loop alive.
 */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

const argv = process.argv.slice(2);
const relaunched = relaunchWithIngestFlags(argv);
if (relaunched !== undefined) {
  process.exit(relaunched);
} else {
  main(argv).then(exitAfterFlush, (err) => {
    console.error(`kgw: ${err instanceof Error ? err.stack : String(err)}`);
    exitAfterFlush(1);
  });
}
