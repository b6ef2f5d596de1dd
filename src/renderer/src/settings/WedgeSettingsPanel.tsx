import { useEffect, useState } from 'react';

import { keyboardLayoutSchema } from '../../../shared/ipc/channels/station';
import type { ChannelResponse } from '../../../shared/ipc/contract';
import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';

type WedgeSettings = ChannelResponse<'wedge.settings'>;
type Layout = WedgeSettings['layout'];

/**
 * Edits how the window distinguishes a keyboard-mode scanner from a person typing: the scanner's layout,
 * the longest gap between keys of one burst and the fewest characters in a burst.
 */
export function WedgeSettingsPanel() {
  const station = useStation();
  const [settings, setSettings] = useState<WedgeSettings | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let active = true;
    station
      .call('wedge.settings', {})
      .then((value) => {
        if (active) setSettings(value);
      })
      .catch((cause: unknown) => {
        if (active) setProblem(toProblem(cause));
      });

    return () => {
      active = false;
    };
  }, [station]);

  async function save(changes: Partial<WedgeSettings>) {
    try {
      setSettings(await station.call('wedge.updateSettings', changes));
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  return (
    <section aria-labelledby="wedge-heading">
      <h2 id="wedge-heading">Keyboard-wedge scanner</h2>
      <ProblemNote problem={problem} />
      {settings !== null && (
        <div className="settings-form">
          <div className="field">
            <label htmlFor="wedge-layout">Scanner keyboard layout</label>
            <select
              id="wedge-layout"
              value={settings.layout}
              onChange={(event) => void save({ layout: event.target.value as Layout })}
            >
              {keyboardLayoutSchema.options.map((layout) => (
                <option key={layout} value={layout}>
                  {layout.toUpperCase()}
                </option>
              ))}
            </select>
          </div>
          <NumberSetting
            id="wedge-gap"
            label="Longest gap between scanner keys (ms)"
            value={settings.maxKeyGapMs}
            min={5}
            max={200}
            onSave={(maxKeyGapMs) => void save({ maxKeyGapMs })}
          />
          <NumberSetting
            id="wedge-burst"
            label="Fewest characters in a scan"
            value={settings.minBurstLength}
            min={2}
            max={64}
            onSave={(minBurstLength) => void save({ minBurstLength })}
          />
        </div>
      )}
    </section>
  );
}

function NumberSetting(props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  onSave(value: number): void;
}) {
  const [text, setText] = useState(String(props.value));

  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={props.min}
        max={props.max}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          const value = Number(text);
          if (Number.isInteger(value) && value >= props.min && value <= props.max)
            props.onSave(value);
          else setText(String(props.value));
        }}
      />
    </div>
  );
}
