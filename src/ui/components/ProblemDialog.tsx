/** Every problem of a file the user opened, each with its path. The run behind it is untouched. */
import { useEffect, useRef } from 'react';
import { closeProblemDialog } from '../labActions';
import { useLabStore } from '../store/labStore';

export function ProblemDialog() {
  const dialog = useLabStore((s) => s.problemDialog);
  const ref = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    if (dialog !== null && !element.open) element.showModal();
    if (dialog === null && element.open) element.close();
  }, [dialog]);
  return (
    <dialog ref={ref} className="problem-dialog" aria-labelledby="problem-title" onClose={closeProblemDialog}>
      {dialog !== null && (
        <>
          <h2 id="problem-title">{dialog.title}</h2>
          <p>Nothing was changed: the current run goes on as it was.</p>
          <ul className="problem-list">
            {dialog.problems.map((p, i) => (
              <li key={i}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={closeProblemDialog} autoFocus>
            Close
          </button>
        </>
      )}
    </dialog>
  );
}
