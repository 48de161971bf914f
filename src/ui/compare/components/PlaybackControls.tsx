/** Play, pause, step, speed: one clock for the three clusters. */
import { jumpToCut, restart, setSpeed, stepBy, stepEvent, togglePlay } from '../compareActions';
import { speedChoices, useCompareStore } from '../store/compareStore';
import { formatClock } from '../view/formatMs';

function speedLabel(speed: number): string {
  return `${speed}×`;
}

export function PlaybackControls() {
  const playing = useCompareStore((s) => s.playing);
  const speed = useCompareStore((s) => s.speed);
  const nowUs = useCompareStore((s) => s.nowUs);
  const durationUs = useCompareStore((s) => s.window.durationUs);
  return (
    <div className="cmp-playback" role="group" aria-label="Playback">
      <button type="button" className="primary cmp-play" onClick={togglePlay} aria-keyshortcuts="Space">
        <span aria-hidden="true" className="icon">
          {playing ? '❚❚' : '▶'}
        </span>
        {playing ? 'Pause' : nowUs >= durationUs ? 'Replay' : 'Play'}
      </button>
      <button type="button" onClick={stepEvent} aria-keyshortcuts="ArrowRight" title="Advance the shared clock to the next event in any of the three clusters">
        Step →
      </button>
      <button type="button" onClick={() => stepBy(100_000)} aria-keyshortcuts="Shift+ArrowRight" title="Advance the shared clock by 100 ms of virtual time">
        +100 ms
      </button>
      <button type="button" onClick={jumpToCut} title="Go to just before the first cut, paused">
        Go to the cut
      </button>
      <button type="button" onClick={restart}>
        Restart
      </button>
      <label className="cmp-speed">
        <span className="control-label">Speed</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.currentTarget.value))} aria-label="Speed (virtual seconds per real second)">
          {speedChoices.map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <output className="cmp-clock" aria-label="Clock">
        {formatClock(nowUs)}
        <span className="muted"> / {formatClock(durationUs)}</span>
      </output>
    </div>
  );
}
