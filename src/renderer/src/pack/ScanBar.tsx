import { useState } from 'react';
import type { Ref } from 'react';

interface ScanBarProps {
  inputRef: Ref<HTMLInputElement>;
  label: string;
  disabled: boolean;
  onSubmit(text: string): void;
}

/**
 * The always-focused input of the pack screen. A scanner's keystrokes reach main through
 * the wedge; what a packer types by hand is sent when Enter is pressed.
 */
export function ScanBar({ inputRef, label, disabled, onSubmit }: ScanBarProps) {
  const [text, setText] = useState('');

  return (
    <form
      className="scan-bar"
      aria-label="Scan"
      onSubmit={(event) => {
        event.preventDefault();
        const value = text.trim();
        if (value === '') return;

        setText('');
        onSubmit(value);
      }}
    >
      <label htmlFor="scan-input" className="scan-label">
        {label}
      </label>
      <input
        id="scan-input"
        ref={inputRef}
        className="scan-input"
        value={text}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" disabled={disabled}>
        Enter
      </button>
    </form>
  );
}
