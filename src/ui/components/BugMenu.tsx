/**
 * "Break a rule": a menu of the bug toggles, each with the rule it breaks.
 * Choosing one restarts the run with the bug on and the setup of the
 * scenario that catches it. Keyboard: Enter or ↓ opens, ↑/↓ move, Enter or
 * Space chooses, Escape closes and returns to the button.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { setBug } from '../labActions';
import { allBugs, type BugName } from '../model/bugSetups';
import { useLabStore } from '../store/labStore';

interface Item {
  bug: BugName | null;
  title: string;
  text: string;
}

export function BugMenu() {
  const current = useLabStore((s) => s.config.bug);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();
  const items: Item[] = [
    { bug: null, title: 'None: the correct protocol', text: 'Every rule kept; the checker should always pass.' },
    ...allBugs().map((b) => ({ bug: b.name, title: b.name, text: b.rule })),
  ];

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const choose = (item: Item) => {
    close(true);
    if (item.bug !== current) setBug(item.bug);
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    // The menu owns these keys while open; the page's shortcuts stand aside.
    const keys: Record<string, () => void> = {
      ArrowDown: () => setActive((i) => (i + 1) % items.length),
      ArrowUp: () => setActive((i) => (i + items.length - 1) % items.length),
      Home: () => setActive(0),
      End: () => setActive(items.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    const handler = keys[event.key];
    if (handler === undefined) return;
    if (event.key !== 'Tab') event.preventDefault();
    event.stopPropagation();
    handler();
  };

  const selectedIndex = Math.max(
    0,
    items.findIndex((i) => i.bug === current),
  );

  return (
    <div className="bug-menu">
      <button
        ref={buttonRef}
        type="button"
        className={`bug-button${current !== null ? ' bug-button-on' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(selectedIndex))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            event.stopPropagation();
            openAt(event.key === 'ArrowDown' ? selectedIndex : items.length - 1);
          }
        }}
      >
        <span aria-hidden="true" className="bug-icon">
          {current === null ? '⚑' : '⚠'}
        </span>
        {current === null ? 'Break a rule' : `Rule broken: ${current}`}
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      {open && (
        <div ref={menuRef} id={menuId} className="bug-popover" role="menu" aria-label="Break a rule" onKeyDown={onMenuKey}>
          {items.map((item, i) => (
            <button
              key={item.title}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitemradio"
              aria-checked={item.bug === current}
              tabIndex={i === active ? 0 : -1}
              className="bug-item"
              onClick={() => choose(item)}
              onMouseEnter={() => setActive(i)}
            >
              <span className="bug-check" aria-hidden="true">
                {item.bug === current ? '●' : ''}
              </span>
              <span className="bug-text">
                <span className="bug-title">{item.title}</span>
                <span className="bug-rule">{item.text}</span>
              </span>
            </button>
          ))}
          <p className="bug-foot muted">Choosing a bug restarts the run with the setup and scripted faults that catch it.</p>
        </div>
      )}
    </div>
  );
}
