/** The keyboard shortcuts, always visible at the foot of the page, and all of them in the `?` overlay. */
import { useEffect, useRef } from 'react';
import { toggleShortcuts } from '../labActions';
import { useLabStore } from '../store/labStore';

export const shortcuts: [string, string][] = [
  ['Space', 'play / pause'],
  ['→', 'step one event'],
  ['←', 'step back one event'],
  ['↑ ↓', 'speed'],
  ['C', 'send command'],
  ['H', 'heal all links'],
  ['R', 'reset'],
  ['L', 'check linearizability'],
  ['Tab', 'reach nodes and links'],
  ['Enter', 'crash / restart, cut / heal'],
  ['Shift+Enter', 'cut one way'],
  ['PageDown / N', 'next narration step'],
  ['PageUp / P', 'previous narration step'],
  ['?', 'all shortcuts'],
  ['Esc', 'close this list'],
];

/** Every key the page answers to, over the page (classroom: readable from the back row). */
export function ShortcutOverlay() {
  const open = useLabStore((s) => s.shortcutsOpen);
  const ref = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcut-overlay" aria-labelledby="shortcut-overlay-title" onClose={() => toggleShortcuts(false)}>
      <h2 id="shortcut-overlay-title">Keyboard shortcuts</h2>
      <dl>
        {shortcuts.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={() => toggleShortcuts(false)}>
        Close
      </button>
    </dialog>
  );
}

export function ShortcutHint() {
  return (
    <footer className="shortcuts" aria-label="Keyboard shortcuts">
      {shortcuts.map(([key, what]) => (
        <span key={key}>
          <kbd>{key}</kbd> {what}
        </span>
      ))}
      <span id="node-help" className="sr-only">
        Enter or Space crashes a running node or restarts a crashed one.
      </span>
    </footer>
  );
}
