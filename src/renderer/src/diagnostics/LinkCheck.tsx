import { useEffect, useState } from 'react';

import type { ChannelResponse } from '../../../shared/ipc/contract';
import { StationCallError } from '../ipc/client';
import { useStation } from '../ipc/StationContext';

type Info = ChannelResponse<'app.info'>;

/** Shows that the window reaches main and that main's pushes reach the window. */
export function LinkCheck() {
  const station = useStation();
  const [info, setInfo] = useState<Info | null>(null);
  const [echoed, setEchoed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const unsubscribe = station.on('app.echoed', (payload) => setEchoed(payload.message));

    station
      .call('app.info', {})
      .then(setInfo)
      .catch((cause: unknown) => setError(describe(cause)));

    return unsubscribe;
  }, [station]);

  async function checkLink() {
    setError(null);
    try {
      await station.call('app.echo', { message: `link check ${new Date().toISOString()}` });
    } catch (cause) {
      setError(describe(cause));
    }
  }

  return (
    <section className="panel" aria-labelledby="link-heading">
      <h2 id="link-heading">Station link</h2>
      <p data-testid="app-info">
        {info === null ? 'Connecting…' : `Version ${info.version}, running in ${info.shell}`}
      </p>
      <button type="button" onClick={() => void checkLink()}>
        Check link
      </button>
      <p data-testid="echo-event" aria-live="polite">
        {echoed === null ? 'No reply from main yet.' : `Main replied: ${echoed}`}
      </p>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

function describe(cause: unknown): string {
  if (cause instanceof StationCallError) return `${cause.message} (${cause.code})`;
  return 'The station did not answer.';
}
