/**
 * `npm run serve`: the workbench without Electron, in any browser. Prints the URL with its token.
 *   --port N        listen port (default: a free one)
 *   --host ADDR     bind address (default 127.0.0.1; anything else is the user's explicit choice)
 *   --data DIR      user-data folder (default: the OS user-data dir, or KGW_DATA_DIR)
 *   --allow DIR     a folder whose files and workspaces the browser may name (repeatable)
 */
import { parseArgs } from 'node:util';
import { startHeadless } from './headless/server';
import { defaultDataDir } from './host/app-paths';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      allow: { type: 'string', multiple: true },
      token: { type: 'string' },
    },
  });
  const server = await startHeadless({
    port: values.port ? Number(values.port) : 0,
    host: values.host,
    dataDir: values.data ?? defaultDataDir(),
    allow: values.allow,
    token: values.token ?? process.env.KGW_TOKEN,
  });
  console.log(`KG Workbench at ${server.url}`);
  const shutdown = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(`kg-workbench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
