import { useCallback, useEffect, useRef, useState } from 'react';

import type { PackView } from '../../../shared/ipc/channels/pack';
import type { ChannelRequest } from '../../../shared/ipc/contract';
import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';

/** Channels whose reply is the whole pack view. */
export type PackIntent =
  | 'pack.scan'
  | 'pack.submitSerial'
  | 'pack.cancelPrompt'
  | 'pack.removeUnit'
  | 'pack.replaceSerial'
  | 'pack.ship'
  | 'pack.closeOrder';

export interface PackViewState {
  view: PackView | null;
  /** The last failed call (not a rule broken by a scan: main reports those as feedback). */
  problem: Problem | null;
  send<C extends PackIntent>(channel: C, request: ChannelRequest<C>): Promise<boolean>;
}

/**
 * The pack session as main reports it. Main owns the session: every reply and every
 * `pack.changed` push carries the whole view, and the newest one wins.
 */
export function usePackView(): PackViewState {
  const station = useStation();
  const [view, setView] = useState<PackView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    const unsubscribe = station.on('pack.changed', setView);

    station
      .call('pack.view', {})
      .then((value) => {
        if (mounted.current) setView(value);
      })
      .catch((cause: unknown) => {
        if (mounted.current) setProblem(toProblem(cause));
      });

    return () => {
      mounted.current = false;
      unsubscribe();
    };
  }, [station]);

  const send = useCallback(
    async <C extends PackIntent>(channel: C, request: ChannelRequest<C>): Promise<boolean> => {
      try {
        const next = await station.call(channel, request);
        setView(next);
        setProblem(null);
        return true;
      } catch (cause) {
        setProblem(toProblem(cause));
        return false;
      }
    },
    [station],
  );

  return { view, problem, send };
}
