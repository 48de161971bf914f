/**
 * Keyboard shortcuts for a teacher at the front of the room: Space plays and
 * pauses, → steps to the next event, Shift+→ moves 100 ms. They apply only
 * when no field or button has the focus (Space already presses a button).
 */
import { useEffect } from 'react';
import { stepBy, stepEvent, togglePlay } from './compareActions';

function typingInto(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName));
}

export function useCompareShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
      if (event.key === ' ') togglePlay();
      else if (event.key === 'ArrowRight' && event.shiftKey) stepBy(100_000);
      else if (event.key === 'ArrowRight') stepEvent();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
