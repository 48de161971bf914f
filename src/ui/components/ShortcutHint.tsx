/** The keyboard shortcuts, always visible at the foot of the page. */
const shortcuts: [string, string][] = [
  ['Space', 'play / pause'],
  ['→', 'step one event'],
  ['↑ ↓', 'speed'],
  ['C', 'send command'],
  ['H', 'heal all links'],
  ['R', 'reset'],
  ['L', 'check linearizability'],
  ['Tab', 'reach nodes and links'],
  ['Enter', 'crash / restart, cut / heal'],
  ['Shift+Enter', 'cut one way'],
];

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
