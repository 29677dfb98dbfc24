/**
 * Dropping a run folder (or its files, or an exported run JSON) anywhere on
 * the window opens it in the viewer. Drops a panel takes itself (the data
 * panel's CSV) are left to it.
 */
import { useEffect, useState } from 'react';
import { openDroppedRun } from './openRun';

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function RunDrop() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overWindow = (e: DragEvent) => {
      if (!hasFiles(e) || e.defaultPrevented) return;
      // Without this the browser would open the dropped file in place of the app.
      e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setOver(false);
      if (e.defaultPrevented || !e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      openDroppedRun(e.dataTransfer);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return over ? <div className="drop-overlay" aria-hidden>Drop a run folder, its files or an exported run to open it</div> : null;
}
