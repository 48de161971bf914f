/** Permalinks and run files: the (config, seed, action log) triple out of the page and back in. */
import { useRef, type ChangeEvent } from 'react';
import { copyLink, exportRun, importRunText } from '../labActions';
import { useLabStore } from '../store/labStore';

export function RunFileControls() {
  const running = useLabStore((s) => s.status === 'running');
  const permalink = useLabStore((s) => s.permalink);
  const fileRef = useRef<HTMLInputElement | null>(null);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    importRunText(await file.text(), file.name);
  };
  return (
    <div className="run-files">
      <button type="button" className="small" onClick={() => void copyLink()} disabled={!running} title="A link to this run, at this moment">
        Copy link
      </button>
      <button type="button" className="small" onClick={() => void exportRun()} disabled={!running}>
        Export run
      </button>
      <button type="button" className="small" onClick={() => fileRef.current?.click()}>
        Import run
      </button>
      <input ref={fileRef} type="file" accept=".json,application/json" hidden onChange={(e) => void onFile(e)} data-testid="run-file" />
      {permalink !== null && <input className="permalink" readOnly value={permalink} aria-label="Link to this run" data-testid="permalink" onFocus={(e) => e.currentTarget.select()} />}
    </div>
  );
}
