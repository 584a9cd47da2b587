#!/usr/bin/env node
/**
 * Builds the in-process Neo4j launcher (scripts/neo4j) with Maven: compiles Launcher.java and
 * copies the neo4j-harness runtime jars into target/lib. Skips the build when a stamp says the
 * pom and sources have not changed. Safe to run from several processes at once (a lock dir
 * serialises them), so every test file may call it.
 *
 *   node scripts/neo4j/setup.mjs            build if stale, print the classpath
 *   node scripts/neo4j/setup.mjs --force    rebuild
 *
 * Needs `java` (17+) and `mvn` on PATH; Maven caches downloads in ~/.m2.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const launcherDir = path.dirname(fileURLToPath(import.meta.url));
const targetDir = path.join(launcherDir, 'target');
const stampFile = path.join(targetDir, 'kgw-setup.stamp');
const lockDir = path.join(launcherDir, '.setup-lock');
/** A lock older than this belongs to a build that died; a cold build takes well under a minute. */
const STALE_LOCK_MS = 10 * 60_000;

/** The classpath the launcher runs with (java's `dir/*` wildcard, expanded by java itself). */
export function launcherClasspath() {
  return [path.join(targetDir, 'classes'), path.join(targetDir, 'lib', '*')].join(path.delimiter);
}

function sourceHash() {
  const hash = createHash('sha256');
  const files = [path.join(launcherDir, 'pom.xml')];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(launcherDir, 'src'));
  for (const f of files) hash.update(path.relative(launcherDir, f)).update('\0').update(fs.readFileSync(f));
  return hash.digest('hex');
}

export function isBuilt() {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim() === sourceHash();
  } catch {
    return false;
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock() {
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
      if (age > STALE_LOCK_MS) fs.rmSync(lockDir, { recursive: true, force: true });
      else sleep(250);
    }
  }
}

/** Which required tool is missing from PATH, or null. */
export function missingTool() {
  for (const [cmd, args] of [['java', ['-version']], ['mvn', ['-v']]]) {
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    if (r.error) return cmd;
  }
  return null;
}

/**
 * Builds when stale; returns the classpath. Throws an Error whose `code` is 'JAVA_MISSING' or
 * 'MAVEN_MISSING' when a tool is absent, and 'BUILD_FAILED' (with Maven's output) otherwise.
 */
export function ensureLauncherBuilt({ force = false, log = () => {} } = {}) {
  if (!force && isBuilt()) return launcherClasspath();
  const missing = missingTool();
  if (missing) {
    const err = new Error(`${missing} is not on PATH: the Neo4j test server needs Java 17+ and Maven (apt-get install openjdk-17-jdk-headless maven)`);
    err.code = missing === 'java' ? 'JAVA_MISSING' : 'MAVEN_MISSING';
    throw err;
  }
  acquireLock();
  try {
    if (!force && isBuilt()) return launcherClasspath(); // another process built it while we waited
    const started = Date.now();
    log('building the Neo4j launcher with Maven (first run downloads ~150 MB into ~/.m2)...');
    fs.rmSync(stampFile, { force: true });
    // A stale lib/ could hold jars of an older version: clear it so the classpath is exact.
    fs.rmSync(path.join(targetDir, 'lib'), { recursive: true, force: true });
    const r = spawnSync('mvn', ['-q', '-B', 'compile', 'dependency:copy-dependencies'], {
      cwd: launcherDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      const err = new Error(`mvn failed (exit ${r.status ?? r.signal}) building the Neo4j launcher:\n${(r.stdout + r.stderr).slice(-4000)}`);
      err.code = 'BUILD_FAILED';
      throw err;
    }
    fs.writeFileSync(stampFile, sourceHash() + '\n');
    log(`Neo4j launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return launcherClasspath();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const cp = ensureLauncherBuilt({ force: process.argv.includes('--force'), log: (m) => console.error(m) });
    console.log(cp);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
