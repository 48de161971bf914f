/** Recent trace records in words, newest first, filterable by category. */
import { memo } from 'react';
import type { TraceLineVM } from '../model/types';
import { traceCategories } from '../model/traceText';
import { useLabStore } from '../store/labStore';
import { formatLineTime } from '../view/format';
import { ink, messageStyle, roleStyles } from '../view/palette';

const shown = 150;

function toneColor(tone: string): string {
  if (tone.startsWith('msg:')) return messageStyle(tone.slice(4)).color;
  if (tone.startsWith('role:')) {
    const role = tone.slice(5) as keyof typeof roleStyles;
    return roleStyles[role]?.stroke ?? ink.muted;
  }
  if (tone === 'drop' || tone === 'action') return ink.cut;
  if (tone === 'commit' || tone === 'propose') return '#1f7a5c';
  return ink.muted;
}

const Line = memo(function Line({ line }: { line: TraceLineVM }) {
  return (
    <li className={`log-line log-${line.kind}`}>
      <time>{formatLineTime(line.timeUs)}</time>
      <span className="dot" style={{ background: toneColor(line.tone) }} aria-hidden="true" />
      <span className="text">{line.text}</span>
    </li>
  );
});

export function MessageLog() {
  const lines = useLabStore((s) => s.lines);
  const filter = useLabStore((s) => s.logFilter);
  const toggle = useLabStore((s) => s.toggleCategory);
  const visible: TraceLineVM[] = [];
  for (let i = lines.length - 1; i >= 0 && visible.length < shown; i--) {
    const line = lines[i];
    if (filter[line.kind as keyof typeof filter] !== false) visible.push(line);
  }
  return (
    <section className="panel message-log" aria-labelledby="log-title">
      <header className="panel-head">
        <h2 id="log-title">Trace</h2>
        <div className="chips" role="group" aria-label="Show in the trace">
          {traceCategories.map((c) => (
            <button key={c} type="button" className="chip" aria-pressed={filter[c]} onClick={() => toggle(c)}>
              {c}
            </button>
          ))}
        </div>
      </header>
      <ol className="log-lines" aria-label="Recent events, newest first">
        {visible.map((line) => (
          <Line key={line.index} line={line} />
        ))}
        {visible.length === 0 && <li className="muted">Nothing yet.</li>}
      </ol>
      <p className="muted log-foot">times in ms of virtual time</p>
    </section>
  );
}
