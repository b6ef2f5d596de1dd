import { useEffect, useRef, useState } from 'react';

import type { ChannelResponse } from '../../../shared/ipc/contract';
import type { Scan } from '../../../shared/scanner/scan';
import { useStation } from '../ipc/StationContext';
import { attachWedge } from '../../wedge/attach-wedge';

type WedgeSettings = ChannelResponse<'wedge.settings'>;

interface ScanWedgeOptions {
  enabled: boolean;
  onScan(scan: Scan): void;
  /** Receives a layout warning, a discarded burst or a hint about held-back typing. */
  onNotice(message: string): void;
}

/**
 * Listens for keyboard-mode scanner bursts in the whole window while `enabled`, with the
 * station's wedge settings. A burst becomes one Scan and its Enter or Tab never reaches a
 * field or form, so a scan cannot submit the prompt or land in the wrong input. Keys typed
 * by a person are passed on to the focused field.
 */
export function useScanWedge({ enabled, onScan, onNotice }: ScanWedgeOptions): void {
  const station = useStation();
  const [settings, setSettings] = useState<WedgeSettings | null>(null);
  const handlers = useRef({ onScan, onNotice });

  useEffect(() => {
    handlers.current = { onScan, onNotice };
  });

  useEffect(() => {
    let active = true;
    station
      .call('wedge.settings', {})
      .then((value) => {
        if (active) setSettings(value);
      })
      // Without stored settings the decoder's own defaults apply.
      .catch(() => {});

    return () => {
      active = false;
    };
  }, [station]);

  useEffect(() => {
    if (!enabled) return;

    return attachWedge(window, {
      decoder: settings === null ? {} : settings,
      device: 'keyboard wedge',
      onScan: (scan, warning) => {
        handlers.current.onScan(scan);
        if (warning !== null) handlers.current.onNotice(warning.message);
      },
      onDiscarded: (error) => handlers.current.onNotice(error.message),
      onHint: (hint) => handlers.current.onNotice(hint),
    });
  }, [enabled, settings]);
}
