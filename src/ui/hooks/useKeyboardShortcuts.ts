/**
 * Page-wide shortcuts. They stand aside wherever a key already means
 * something: in text fields, selects and sliders, and for Space and Enter on
 * buttons (nodes and links included), which activate the focused element.
 */
import { useEffect } from 'react';
import { checkLinearizability, healAll, narrationBack, narrationNext, propose, reset, speedUp, stepBack, stepEvent, togglePlay, toggleShortcuts } from '../labActions';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement || target instanceof SVGElement)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function isButton(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.tagName === 'BUTTON' || target.tagName === 'A' || target.getAttribute('role') === 'button';
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isEditable(event.target)) return;
      const key = event.key;
      if ((key === ' ' || key === 'Enter') && isButton(event.target)) return;
      let handled = true;
      switch (key) {
        case ' ':
          togglePlay();
          break;
        case 'ArrowRight':
          stepEvent();
          break;
        case 'ArrowLeft':
          stepBack();
          break;
        case 'PageDown':
        case 'n':
        case 'N':
          narrationNext();
          break;
        case 'PageUp':
        case 'p':
        case 'P':
          narrationBack();
          break;
        case '?':
          toggleShortcuts();
          break;
        case 'ArrowUp':
        case '+':
        case '=':
          speedUp(1);
          break;
        case 'ArrowDown':
        case '-':
          speedUp(-1);
          break;
        case 'c':
        case 'C':
          propose();
          break;
        case 'h':
        case 'H':
          healAll();
          break;
        case 'r':
        case 'R':
          reset();
          break;
        case 'l':
        case 'L':
          checkLinearizability();
          break;
        default:
          handled = false;
      }
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
