import { useEffect, useRef, useState } from 'react';

import type { SerialPrompt as Prompt } from '../../../shared/ipc/channels/pack';
import { Dialog } from '../ui/Dialog';
import { serialProblemHeadline } from './serial-wording';

interface SerialPromptProps {
  prompt: Prompt;
  inputRef: React.RefObject<HTMLInputElement | null>;
  busy: boolean;
  onSave(serial: string): void;
  onCancel(): void;
}

/**
 * Asks for the serial of one unit. Enter (or the scanner's terminator) saves, Esc cancels.
 * After a rejected serial the text stays selected, so the next scan replaces it.
 */
export function SerialPrompt({ prompt, inputRef, busy, onSave, onCancel }: SerialPromptProps) {
  const [serial, setSerial] = useState('');
  const unitKey = `${prompt.lineId}:${prompt.unitNumber}`;
  const [shownUnit, setShownUnit] = useState(unitKey);

  if (shownUnit !== unitKey) {
    setShownUnit(unitKey);
    setSerial('');
  }

  const problemKey = `${prompt.error?.code ?? ''}:${prompt.warning?.code ?? ''}`;
  const lastProblem = useRef(problemKey);
  // Set on Save, cleared when main's answer arrives: every rejected serial is selected,
  // including a second rejection with the same code, so the next scan replaces it.
  const awaitingAnswer = useRef(false);

  useEffect(() => {
    const input = inputRef.current;
    if (input === null) return;

    input.focus();
    const rejected = prompt.error !== null || prompt.warning !== null;
    if (problemKey !== lastProblem.current || (awaitingAnswer.current && rejected)) {
      input.select();
    }
    lastProblem.current = problemKey;
    awaitingAnswer.current = false;
  }, [inputRef, unitKey, problemKey, prompt]);

  const several = prompt.unitCount > 1;

  return (
    <Dialog titleId="serial-title" className="serial-prompt" onEscape={onCancel}>
      <form
        aria-label="Serial number"
        onSubmit={(event) => {
          event.preventDefault();
          awaitingAnswer.current = true;
          onSave(serial);
        }}
      >
        <h2 id="serial-title">Scan the serial number</h2>
        <p className="prompt-product">
          {prompt.name} <span className="mono">{prompt.sku}</span>
        </p>
        {several && (
          <p className="prompt-unit" data-testid="prompt-unit">
            unit {prompt.unitNumber} of {prompt.unitCount}
          </p>
        )}

        <label htmlFor="serial-input">Serial number</label>
        <input
          id="serial-input"
          ref={inputRef}
          className="serial-input"
          value={serial}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={prompt.error !== null}
          aria-describedby="serial-problem"
          onChange={(event) => setSerial(event.target.value)}
        />

        <div id="serial-problem" className="prompt-problem">
          {prompt.error !== null && (
            <div role="alert" className="problem" data-code={prompt.error.code}>
              <strong>{serialProblemHeadline(prompt.error.code)}</strong>
              <span>{prompt.error.message}</span>
            </div>
          )}
          {prompt.warning !== null && (
            <div role="alert" className="warning" data-code={prompt.warning.code}>
              <strong>{serialProblemHeadline(prompt.warning.code)}</strong>
              <span>{prompt.warning.message}</span>
              <span>
                Save <span className="mono">{prompt.warning.serial}</span> again to use it anyway.
              </span>
            </div>
          )}
        </div>

        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Save (Enter)
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel (Esc)
          </button>
        </div>
      </form>
    </Dialog>
  );
}
