#!/usr/bin/env node
/**
 * Builds every runtime bundle: the Node side with esbuild (native modules stay external), the
 * renderer with Vite. `--if-stale` skips work when no source is newer than the last build;
 * `--no-renderer` skips the Vite build (unit tests only need the Node bundles).
 */
import { build } from 'esbuild';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const dist = path.join(root, 'dist');

const NATIVE_EXTERNALS = ['better-sqlite3', 'hnswlib-node', 'onnxruntime-node', 'electron', 'neo4j-driver'];

/** entry source -> output file (relative to dist). Missing sources are skipped, so the build works while areas grow. */
const nodeEntries = {
  'electron/node/serve.ts': 'node/serve.js',
  'electron/node/cli.ts': 'node/cli.js',
  'electron/node/bench/main.ts': 'node/bench.js',
  'native/worker/ingest-worker.ts': 'workers/ingest.js',
  'native/worker/parse-thread-worker.ts': 'workers/parse.js',
  'native/worker/store-worker.ts': 'workers/store.js',
  'native/worker/embed-worker.ts': 'workers/embed.js',
  'native/worker/vector-worker.ts': 'workers/vector.js',
  'native/worker/graph-worker.ts': 'workers/graph.js',
};
const electronEntries = {
  'electron/electron-main/main.ts': 'electron/main.js',
  'electron/preload/preload.ts': 'electron/preload.js',
};

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function stale(stampName, dirs) {
  const stamp = path.join(dist, stampName);
  if (!existsSync(stamp)) return true;
  const built = Number(readFileSync(stamp, 'utf8'));
  const files = [...dirs.map((d) => path.join(root, d)), path.join(root, 'package.json'), path.join(root, 'scripts/build.mjs')];
  return files.some((f) => (existsSync(f) ? (statSync(f).isDirectory() ? newestMtime(f) : statSync(f).mtimeMs) : 0) > built);
}

function stampNow(stampName) {
  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, stampName), String(Date.now()));
}

async function buildNode() {
  const pick = (table) =>
    Object.fromEntries(Object.entries(table).filter(([src]) => existsSync(path.join(root, src))).map(([src, out]) => [out.replace(/\.js$/, ''), path.join(root, src)]));
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    outdir: dist,
    external: NATIVE_EXTERNALS,
    logLevel: 'warning',
    define: { 'process.env.KGW_BUNDLED': '"1"' },
  };
  await build({ ...common, entryPoints: pick(nodeEntries) });
  const electron = pick(electronEntries);
  if (Object.keys(electron).length) await build({ ...common, entryPoints: electron });
}

/**
 * The vector worker's HNSW addon (native/vector/addon): compiled with node-gyp on this machine
 * (-march=native) when the .node is missing or older than its sources. node-gyp is npm's bundled
 * copy (npm_config_node_gyp under npm, else next to this node's npm).
 */
function buildVectorAddon() {
  const dir = path.join(root, 'native/vector/addon');
  const out = path.join(dir, 'build/Release/kgw_hnsw.node');
  const hnswlib = path.join(root, 'node_modules/hnswlib-node/src/hnswlib');
  const sources = [path.join(dir, 'binding.gyp'), path.join(dir, 'kgw_hnsw.cc'), ...(existsSync(hnswlib) ? readdirSync(hnswlib).map((f) => path.join(hnswlib, f)) : [])];
  const fresh = () => existsSync(out) && sources.every((f) => statSync(f).mtimeMs <= statSync(out).mtimeMs);
  if (fresh()) return;
  // Test runs start builds in parallel: one compiles, the others wait for it and then find it fresh.
  const lock = path.join(dir, '.build-lock');
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { force: true }); // left by a killed build
      } catch {
        // the other build just finished
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!fresh()) compileVectorAddon(dir);
  } finally {
    rmSync(lock, { force: true });
  }
}

function compileVectorAddon(dir) {
  const gyp = [process.env.npm_config_node_gyp, path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js')].find((f) => f && existsSync(f));
  if (!gyp) throw new Error('node-gyp not found (needed to build native/vector/addon); set npm_config_node_gyp to node-gyp.js');
  // Without a nodedir node-gyp downloads headers; this node's own (e.g. /usr/include/node) work offline.
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  const nodedir = process.env.npm_config_nodedir || (existsSync(path.join(prefix, 'include/node/node_api.h')) ? prefix : undefined);
  try {
    // KGW_HNSW_MARCH=x86-64-v2 (say) builds a .node that runs on other CPUs too: for packaging.
    const march = process.env.KGW_HNSW_MARCH ? ['--', `-Dkgw_march=${process.env.KGW_HNSW_MARCH}`] : [];
    execFileSync(process.execPath, [gyp, 'rebuild', ...(nodedir ? [`--nodedir=${nodedir}`] : []), ...march], { cwd: dir, stdio: 'pipe' });
  } catch (err) {
    process.stderr.write(`${err.stdout ?? ''}${err.stderr ?? ''}`);
    throw new Error('building native/vector/addon failed (see the compiler output above)', { cause: err });
  }
}

async function main() {
  const ifStale = args.has('--if-stale');
  buildVectorAddon();
  const srcDirs = ['electron', 'native', 'resources'];
  if (!ifStale || stale('.stamp-node', srcDirs)) {
    await buildNode();
    stampNow('.stamp-node');
  }
  if (!args.has('--no-renderer') && existsSync(path.join(root, 'renderer/index.html'))) {
    if (!ifStale || stale('.stamp-renderer', ['renderer', 'electron/common'])) {
      execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
      stampNow('.stamp-renderer');
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
