import { useEffect } from 'react';
import type { RefObject } from 'react';

/**
 * Keeps the scan input focused while `enabled`: focus that falls to the page body (a click
 * on empty space, a closed dialog) goes back to it, and so does a key typed while nothing
 * is focused. Tabbing to a button is left alone, so every control stays reachable.
 */
export function useKeepFocus(input: RefObject<HTMLInputElement | null>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;

    const refocus = () => {
      const active = document.activeElement;
      if (active === null || active === document.body) input.current?.focus();
    };

    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget === null) setTimeout(refocus, 0);
    };

    const onKeyDown = () => refocus();

    input.current?.focus();
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('keydown', onKeyDown, true);

    return () => {
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [input, enabled]);
}
