import { useRef } from 'react';
import { useApp } from '../store';
import { useActions } from '../app/context';
import { TopBar } from './TopBar';
import { GraphCanvas } from './GraphCanvas';
import { DetailsPanel } from './DetailsPanel';
import { StatusBar } from './StatusBar';
import { ImportProgress, ImportResultPanel } from './ImportPanel';
import { EmbedProgress } from '../features/similarity';
import { ExploreOverlay } from '../features/explore';
import { QueryPanel } from '../features/query';
import { ImportMappingDialog } from '../features/import';

function hasFiles(e: React.DragEvent): boolean {
  return [...e.dataTransfer.types].includes('Files');
}

/** The workspace view; the whole window is a drop zone for files to import. */
export function MainView() {
  const actions = useActions();
  const dragOver = useApp((s) => s.dragOver);
  const setDragOver = useApp((s) => s.setDragOver);
  // dragenter/dragleave fire for every child crossed; count them to know when the pointer really left.
  const depth = useRef(0);

  return (
    <div
      className="main"
      data-testid="drop-zone"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setDragOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setDragOver(false);
        const files = [...e.dataTransfer.files];
        if (files.length) void actions.importFiles(files);
      }}
    >
      <TopBar />
      <div className="workarea">
        <GraphCanvas />
        <ExploreOverlay />
        <QueryPanel />
        <DetailsPanel />
        <div className="floating">
          <ImportProgress />
          <ImportResultPanel />
          <EmbedProgress />
        </div>
      </div>
      <StatusBar />
      <ImportMappingDialog />
      {dragOver && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div>Drop files to import</div>
        </div>
      )}
    </div>
  );
}
