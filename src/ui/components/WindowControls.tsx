/** Width, pan and follow controls of a time window (History, Space-time). */
interface WindowControlsProps {
  widths: readonly (readonly [number, string])[];
  view: { widthUs: number; mode: string };
  setWidth: (us: number) => void;
  pan: (fraction: number) => void;
  follow: () => void;
}

export function WindowControls({ widths, view, setWidth, pan, follow }: WindowControlsProps) {
  return (
    <>
      <div className="segmented" role="group" aria-label="Window width">
        {widths.map(([us, label]) => (
          <button key={us} type="button" className="small" aria-pressed={view.widthUs === us} onClick={() => setWidth(us)}>
            {label}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label="Move the window">
        <button type="button" className="small" onClick={() => pan(-0.5)} aria-label="Earlier">
          ←
        </button>
        <button type="button" className="small" onClick={() => pan(0.5)} aria-label="Later">
          →
        </button>
        <button type="button" className="small" aria-pressed={view.mode === 'follow'} onClick={follow}>
          Follow now
        </button>
      </div>
    </>
  );
}
