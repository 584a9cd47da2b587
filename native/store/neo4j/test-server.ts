/**
 * Starts a real Neo4j 5.26 (community, in-process via neo4j-harness) for tests and benchmarks:
 * builds the launcher in scripts/neo4j when stale, spawns it on a free loopback port with auth ON
 * and a random password, and waits for its `BOLT bolt://127.0.0.1:PORT` line.
 *
 * When Java (or Maven, for the first build) is missing, `startNeo4j` throws a JavaMissingError so
 * a test can skip with a visible reason — except in CI (env CI=true), where `neo4jSkipReason()`
 * returns null and the failure surfaces instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '../../../electron/common/errors';

/** scripts/neo4j of this repo, found upwards from here (also when this file is bundled elsewhere). */
function findLauncherDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'scripts', 'neo4j');
    if (fs.existsSync(path.join(candidate, 'pom.xml'))) return candidate;
    if (path.dirname(dir) === dir) throw new WorkbenchError('NEO4J_UNAVAILABLE', `scripts/neo4j/pom.xml not found above ${__dirname}`);
  }
}

const launcherDir = findLauncherDir();
const setupScript = path.join(launcherDir, 'setup.mjs');

export interface Neo4jTestServer {
  uri: string;
  user: string;
  password: string;
  /** The launcher's process id (for CPU accounting in benchmarks). */
  pid: number;
  /** Stops the server (closes stdin, then SIGTERM, then SIGKILL) and waits for the process to exit. */
  stop(): Promise<void>;
}

/** Java or Maven is not installed: the only reason a test may skip (and never in CI). */
export class JavaMissingError extends WorkbenchError {
  constructor(message: string) {
    super('NEO4J_UNAVAILABLE', message, { expected: 'java 17+ and mvn on PATH' });
    this.name = 'JavaMissingError';
  }
}

function onPath(cmd: string, args: string[]): boolean {
  return !spawnSync(cmd, args, { stdio: 'ignore' }).error;
}

/**
 * Why Neo4j tests should be skipped here, or null when they must run. In CI they always run,
 * so a missing Java fails the build rather than silently testing nothing.
 */
export function neo4jSkipReason(): string | null {
  if (process.env.CI === 'true' || process.env.CI === '1') return null;
  if (!onPath('java', ['-version'])) return 'Neo4j tests skipped: `java` (17+) is not on PATH (apt-get install openjdk-17-jdk-headless maven)';
  if (!onPath('mvn', ['-v'])) return 'Neo4j tests skipped: `mvn` is not on PATH (apt-get install maven)';
  return null;
}

function run(cmd: string, args: string[], opts: { cwd?: string; timeoutMs: number }): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** Builds the launcher if stale (a no-op taking ~0.1 s once built). */
async function ensureBuilt(): Promise<string> {
  const r = await run(process.execPath, [setupScript], { cwd: launcherDir, timeoutMs: 15 * 60_000 });
  if (r.code === 0) return r.out.trim().split('\n').pop()!;
  if (/^(java|mvn) is not on PATH/m.test(r.out)) throw new JavaMissingError(r.out.trim().split('\n').pop()!);
  throw new WorkbenchError('NEO4J_UNAVAILABLE', `Building the Neo4j test launcher failed:\n${r.out.slice(-3000)}`, {
    file: setupScript,
  });
}

export interface StartOptions {
  /** Max wait for the BOLT line after spawning java (default 120 s: cold JIT on a busy 2-core CI box). */
  startTimeoutMs?: number;
  /** Java heap (default 1g). */
  heap?: string;
  /**
   * Where the launcher puts its (throw-away) store. Default: /dev/shm when present (a test
   * server's data need not survive it, and tmpfs keeps transaction-log fsyncs off a disk shared
   * with everything else), else the OS temp dir. KGW_NEO4J_STORE_DIR overrides.
   */
  storeDir?: string;
}

function defaultStoreDir(): string {
  if (process.env.KGW_NEO4J_STORE_DIR) return process.env.KGW_NEO4J_STORE_DIR;
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

export async function startNeo4j(opts: StartOptions = {}): Promise<Neo4jTestServer> {
  if (!onPath('java', ['-version'])) throw new JavaMissingError('`java` (17+) is not on PATH: cannot start the Neo4j test server');
  const classpath = await ensureBuilt();
  const password = randomBytes(18).toString('base64url');
  // A private temp dir per server: the store and the harness's own temp files (log4j configs)
  // all go there and are removed with it, whatever way the launcher ends.
  const tmpDir = fs.mkdtempSync(path.join(opts.storeDir ?? defaultStoreDir(), 'kgw-neo4j-run-'));
  const removeTmp = () => fs.rmSync(tmpDir, { recursive: true, force: true });
  const child = spawn(
    'java',
    [`-Xmx${opts.heap ?? '1g'}`, '-XX:+UseParallelGC', `-Djava.io.tmpdir=${tmpDir}`, '-cp', classpath, 'kgw.neo4j.Launcher', '0'],
    // The password goes through the environment, not argv, so it never shows in `ps`.
    { env: { ...process.env, KGW_NEO4J_PASSWORD: password }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.once('exit', removeTmp);
  let uri: string;
  try {
    uri = await waitForBolt(child, opts.startTimeoutMs ?? 120_000);
  } catch (err) {
    await stopChild(child);
    removeTmp();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    uri,
    user: 'neo4j',
    password,
    pid: child.pid!,
    stop: () => (stopping ??= stopChild(child).then(removeTmp)),
  };
}

function waitForBolt(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (message: string) => {
      cleanup();
      child.kill('SIGKILL');
      reject(new WorkbenchError('NEO4J_UNAVAILABLE', `${message}\n--- launcher stderr (tail) ---\n${stderr.slice(-3000)}`));
    };
    const timer = setTimeout(() => fail(`The Neo4j test server printed no BOLT line within ${timeoutMs / 1000} s`), timeoutMs);
    const onOut = (d: Buffer) => {
      stdout += d.toString();
      const m = /^BOLT (bolt:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(stdout);
      if (m) {
        cleanup();
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout!.resume();
        resolve(m[1]);
      }
    };
    const onErr = (d: Buffer) => {
      stderr += d.toString();
      if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`The Neo4j test server exited before it was ready (exit ${code ?? signal})`);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onOut);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onOut);
    child.stderr!.on('data', onErr);
    child.on('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Closing stdin is the launcher's normal stop signal; SIGTERM and SIGKILL are fallbacks.
  child.stdin?.end();
  const escalate = [
    setTimeout(() => child.kill('SIGTERM'), 15_000),
    setTimeout(() => child.kill('SIGKILL'), 30_000),
  ];
  await exited;
  escalate.forEach(clearTimeout);
}
