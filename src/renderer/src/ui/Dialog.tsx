import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

interface DialogProps {
  titleId: string;
  className?: string;
  onEscape(): void;
  children: ReactNode;
}

/**
 * Shows a modal overlay above the screen. It is positioned over the page rather than inserted
 * into it, so opening it never moves the content below. Esc calls `onEscape`, and Tab cycles
 * through the dialog's own controls only.
 */
export function Dialog({ titleId, className, onEscape, children }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (element === null) return;

    const restore = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.contains(document.activeElement)) firstControl(element)?.focus();

    return () => restore?.focus();
  }, []);

  return (
    <div className="overlay">
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog ${className ?? ''}`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onEscape();
            return;
          }

          if (event.key === 'Tab' && box.current !== null) keepTabInside(box.current, event);
        }}
      >
        {children}
      </div>
    </div>
  );
}

const focusable = 'input:not([disabled]), select, textarea, button:not([disabled]), [tabindex="0"]';

function firstControl(element: HTMLElement): HTMLElement | null {
  return element.querySelector<HTMLElement>(focusable);
}

function keepTabInside(element: HTMLElement, event: React.KeyboardEvent): void {
  const controls = [...element.querySelectorAll<HTMLElement>(focusable)];
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (first === undefined || last === undefined) return;

  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
