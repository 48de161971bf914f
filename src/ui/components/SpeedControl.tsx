/** Speed slider on a log scale, 0.1× to 100× of virtual time. */
import { setSpeed } from '../labActions';
import { useLabStore } from '../store/labStore';
import { formatSpeed, sliderSteps, sliderToSpeed, speedToSlider } from '../view/speedScale';

export function SpeedControl() {
  const speed = useLabStore((s) => s.config.speed);
  return (
    <label className="speed">
      <span className="control-label">Speed</span>
      <input
        type="range"
        min={0}
        max={sliderSteps}
        step={1}
        value={speedToSlider(speed)}
        aria-valuetext={`${formatSpeed(speed)} of virtual time`}
        onChange={(e) => setSpeed(sliderToSpeed(Number(e.currentTarget.value)))}
      />
      <output className="speed-value">{formatSpeed(speed)}</output>
    </label>
  );
}
