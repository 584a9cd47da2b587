/** Entry of the `kgw` command (bundled to dist/node/cli.js). */
import { main } from './cli/main';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`kgw: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
