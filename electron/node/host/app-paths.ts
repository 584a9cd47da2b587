/**
 * Where things are: the app's own files (bundles, renderer, resources) and the user's data
 * (workspaces, settings, model cache, uploads).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let cachedRoot: string | undefined;

/** The installed app folder: the nearest parent holding this package's package.json. */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kg-workbench') return (cachedRoot = dir);
      } catch {
        // keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the kg-workbench folder above ' + __dirname);
    dir = parent;
  }
}

export const distDir = (): string => path.join(appRoot(), 'dist');
export const workersDir = (): string => path.join(distDir(), 'workers');
export const rendererDir = (): string => path.join(distDir(), 'renderer');
export const resourcesDir = (): string => path.join(appRoot(), 'resources');

/** The user-data folder: KGW_DATA_DIR, else the OS convention. */
export function defaultDataDir(): string {
  if (process.env.KGW_DATA_DIR) return path.resolve(process.env.KGW_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'KG Workbench');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'KG Workbench');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'kg-workbench');
}

/** True when `child` is `root` or inside it (after resolving `..`). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
