/** What a profiling report records about the machine and the install it ran on. */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '../../common/errors';
import type { ProfilingEnvironment } from '../../common/metrics/report-schema';

export const NATIVE_MODULES = ['better-sqlite3', 'hnswlib-node', 'onnxruntime-node', 'neo4j-driver'] as const;

/**
 * The app's root: the nearest folder holding node_modules, looking up from the working directory
 * and from this file (which is dist/node/ in bundles, electron/node/metrics/ in tests).
 */
export function findAppRoot(starts: readonly string[] = [process.cwd(), __dirname]): string | undefined {
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      if (existsSync(path.join(dir, 'node_modules')) && existsSync(path.join(dir, 'package.json'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

function readVersion(packageJson: string): string | null {
  try {
    const v = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : null;
  } catch {
    return null; // not installed (optional dependency) or unreadable: reported as absent
  }
}

/** Installed versions of the native modules under `root`, null for those missing. */
export function nativeModuleVersions(root: string | undefined, names: readonly string[] = NATIVE_MODULES): Record<string, string | null> {
  return Object.fromEntries(names.map((n) => [n, root ? readVersion(path.join(root, 'node_modules', n, 'package.json')) : null]));
}

/** Total bytes and count of regular files under `dir`, recursively; symlinks are not followed. */
export async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  const walk = async (d: string): Promise<void> => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        bytes += (await fs.lstat(p)).size;
        files++;
      }
    }
  };
  try {
    await walk(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbenchError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR', `Cannot measure the workspace folder: ${(err as Error).message}`, { file: dir });
  }
  return { bytes, files };
}

export interface EnvironmentOptions {
  /** Version of the app; read from the app root's package.json when omitted. */
  appVersion?: string;
  /** Folder holding node_modules and package.json; found automatically when omitted. */
  appRoot?: string;
  /** The open workspace folder, measured when given. */
  workspaceDir?: string;
}

export async function collectEnvironment(options: EnvironmentOptions = {}): Promise<ProfilingEnvironment> {
  const root = options.appRoot ?? findAppRoot();
  const cpus = os.cpus();
  const env: ProfilingEnvironment = {
    node: process.versions.node,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpus: { model: cpus[0]?.model.trim() ?? 'unknown', count: cpus.length },
    totalmem: os.totalmem(),
    nativeModules: nativeModuleVersions(root),
  };
  const appVersion = options.appVersion ?? (root ? readVersion(path.join(root, 'package.json')) ?? undefined : undefined);
  if (appVersion) env.appVersion = appVersion;
  if (process.versions.electron) env.electron = process.versions.electron;
  if (options.workspaceDir) env.workspace = { path: options.workspaceDir, ...(await folderSize(options.workspaceDir)) };
  return env;
}
