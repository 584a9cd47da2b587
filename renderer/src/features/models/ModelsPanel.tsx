/**
 * The model manager: the model in use (id, dimension, folder, size, checksum status), download
 * from the Hugging Face hub with progress, cancel and resume, or a local folder; auto-embedding
 * after imports and what text is embedded per node. Opened by the top-bar button or the M key.
 */
import { useEffect, useState } from 'react';
import { formatBytes } from '../../util/format';
import type { EmbeddingTextSettings, ModelDetails } from '../../../../electron/common/protocol/models';
import { modelsStore } from './models-store';
import { cancelDownload, downloadUrl, saveTextConfig, setAutoEmbed, startDownload, toggleModels, useFolder } from './models-actions';
import { entityTemplate, formatList, parseList, passageTemplate } from './text-config';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Top-bar button (the M shortcut lives in the panel, which is mounted with or without a workspace). */
export function ModelsButton() {
  const open = modelsStore((s) => s.open);
  return (
    <button data-testid="models-toggle" aria-pressed={open} title="Embedding model (M)" onClick={() => toggleModels()}>
      Model…
    </button>
  );
}

export function ModelsPanel() {
  const open = modelsStore((s) => s.open);
  const details = modelsStore((s) => s.details);
  const outcome = modelsStore((s) => s.outcome);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key.toLowerCase() === 'm' || (e.key === 'Escape' && modelsStore.getState().open)) {
        e.preventDefault();
        if (e.key === 'Escape') modelsStore.getState().setOpen(false);
        else toggleModels();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <div className="overlay" data-testid="models-dialog" onClick={() => modelsStore.getState().setOpen(false)}>
      <div className="panel models-panel" role="dialog" aria-label="Embedding model" onClick={(e) => e.stopPropagation()}>
        <div className="models-head">
          <h2>Embedding model</h2>
          <button className="icon" aria-label="Close model manager" onClick={() => modelsStore.getState().setOpen(false)}>
            ×
          </button>
        </div>
        {details ? <CurrentModel details={details} /> : <p className="muted">Loading…</p>}
        {details && <Download details={details} />}
        <LocalFolder />
        <EmbedSettings />
        {outcome && (
          <p className={outcome.tone === 'error' ? 'error-text small' : 'ok-text small'} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="models-outcome">
            {outcome.text}
          </p>
        )}
      </div>
    </div>
  );
}

const CHECKSUM_LABEL: Record<NonNullable<ModelDetails['files']>['checksum'], string> = {
  verified: '✓ verified',
  pinned: '✓ known build',
  unverified: 'not verified',
  mismatch: '✗ mismatch',
};

function CurrentModel({ details }: { details: ModelDetails }) {
  const { info, files } = details;
  if (!info.available) {
    return (
      <section className="models-section" data-testid="models-current">
        <h3>In use</h3>
        <p className="error-text small" data-testid="models-problem">
          {info.problem ?? 'No model found.'}
        </p>
      </section>
    );
  }
  return (
    <section className="models-section" data-testid="models-current">
      <h3>In use</h3>
      <dl className="models-facts">
        <dt>Model</dt>
        <dd data-testid="models-name">{info.modelName}</dd>
        <dt>Id</dt>
        <dd data-testid="models-id" title="Vectors are tagged with this id">
          {info.modelId}
        </dd>
        <dt>Dimension</dt>
        <dd data-testid="models-dim">{info.dim}</dd>
        <dt>Folder</dt>
        <dd data-testid="models-dir" className="models-path" title={info.dir}>
          {info.dir}
        </dd>
        {files && (
          <>
            <dt>Size</dt>
            <dd data-testid="models-size" title={files.list.map((f) => `${f.name}: ${formatBytes(f.bytes)}`).join('\n')}>
              {formatBytes(files.sizeBytes)} in {files.list.length} files
            </dd>
            <dt>Checksum</dt>
            <dd data-testid="models-checksum" data-status={files.checksum} title={`sha256 ${files.sha256}`}>
              <span className={`models-badge ${files.checksum}`}>{CHECKSUM_LABEL[files.checksum]}</span> <span className="muted small">{files.checksumNote}</span>
            </dd>
          </>
        )}
        <dt>Compute</dt>
        <dd className="small">{details.int8Gemm ? 'int8 GEMMs (KGW_EMBED_INT8_GEMM=0 for the exact path)' : 'exact (int8 weights, fp32 compute)'}</dd>
      </dl>
    </section>
  );
}

function Download({ details }: { details: ModelDetails }) {
  const repo = modelsStore((s) => s.repo);
  const download = modelsStore((s) => s.download);
  const partial = details.partial;
  const running = download !== null;
  const pct = download?.total ? Math.min(100, (download.done / download.total) * 100) : undefined;
  return (
    <section className="models-section">
      <h3>Download from the hub</h3>
      <label>
        Repository on {details.hubUrl}
        <input data-testid="models-repo" value={repo} spellCheck={false} disabled={running} onChange={(e) => modelsStore.getState().patch({ repo: e.target.value })} />
      </label>
      <p className="muted small">
        Into {details.downloadDir} from {downloadUrl(details, repo || details.defaultRepo)}
      </p>
      <div className="models-buttons">
        {running ? (
          <button data-testid="models-cancel" onClick={() => void cancelDownload()} disabled={!download.jobId}>
            Cancel
          </button>
        ) : (
          <button className="primary" data-testid="models-download" onClick={() => void startDownload()}>
            {partial ? `Resume (${formatBytes(partial.bytes)} fetched)` : 'Download'}
          </button>
        )}
      </div>
      {running && (
        <div className="models-progress" data-testid="models-progress">
          <progress max={100} value={pct} aria-label="Download progress" />
          <span className="small">
            {download.message ?? 'starting…'} {formatBytes(download.done)}
            {download.total ? ` of ${formatBytes(download.total)}` : ''}
          </span>
        </div>
      )}
    </section>
  );
}

function LocalFolder() {
  const folder = modelsStore((s) => s.folder);
  return (
    <section className="models-section">
      <h3>Or a local folder</h3>
      <form
        className="models-buttons"
        onSubmit={(e) => {
          e.preventDefault();
          void useFolder();
        }}
      >
        <input
          data-testid="models-folder"
          placeholder="folder with model.onnx, tokenizer.json, config.json"
          value={folder}
          spellCheck={false}
          onChange={(e) => modelsStore.getState().patch({ folder: e.target.value })}
        />
        <button type="submit" data-testid="models-use-folder">
          Use folder
        </button>
      </form>
    </section>
  );
}

function EmbedSettings() {
  const autoEmbed = modelsStore((s) => s.autoEmbed);
  const c = modelsStore((s) => s.textConfig);
  return (
    <section className="models-section">
      <h3>Embedding</h3>
      <label className="models-check">
        <input type="checkbox" data-testid="models-auto-embed" checked={autoEmbed ?? false} disabled={autoEmbed === null} onChange={(e) => void setAutoEmbed(e.target.checked)} />
        Embed automatically after an import
      </label>
      {c && <TextSettings c={c} />}
    </section>
  );
}

function TextSettings({ c }: { c: EmbeddingTextSettings }) {
  return (
    <div className="models-text" data-testid="models-text">
      <p className="small">
        Entities and events: <code data-testid="models-entity-template">{entityTemplate(c)}</code>
        <br />
        Passages: <span data-testid="models-passage-template">{passageTemplate(c)}</span>
      </p>
      <label className="models-check">
        <input type="checkbox" data-testid="models-include-type" checked={c.includeType} onChange={(e) => void saveTextConfig({ includeType: e.target.checked })} />
        Add the node type
      </label>
      <TextField label="Concepts property (empty: none)" testId="models-concepts-prop" value={c.conceptsProp ?? ''} onSave={(v) => saveTextConfig({ conceptsProp: v.trim() || null })} />
      <TextField
        label="At most this many concepts"
        testId="models-max-concepts"
        value={String(c.maxConcepts)}
        onSave={(v) => {
          const n = Number(v);
          return Number.isInteger(n) && n >= 0 && n <= 100 ? saveTextConfig({ maxConcepts: n }) : saveTextConfig({});
        }}
      />
      <TextField label="Further properties (comma list)" testId="models-extra-props" value={formatList(c.extraProps)} onSave={(v) => saveTextConfig({ extraProps: parseList(v) })} />
      <TextField label="Passage node types (comma list)" testId="models-passage-types" value={formatList(c.passageTypes)} onSave={(v) => saveTextConfig({ passageTypes: parseList(v) })} />
      <p className="muted small">Applies to nodes embedded from now on; vectors already stored are kept.</p>
    </div>
  );
}

/** A text input saved when it loses focus or on Enter, not on every key. */
function TextField({ label, testId, value, onSave }: { label: string; testId: string; value: string; onSave: (v: string) => Promise<void> }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const save = () => {
    if (text !== value) void onSave(text);
  };
  return (
    <label>
      {label}
      <input
        data-testid={testId}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
        }}
      />
    </label>
  );
}
