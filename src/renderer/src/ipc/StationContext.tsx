import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';

import type { StationClient } from './client';

const StationContext = createContext<StationClient | null>(null);

export function StationProvider({
  client,
  children,
}: {
  client: StationClient;
  children: ReactNode;
}) {
  return <StationContext.Provider value={client}>{children}</StationContext.Provider>;
}

/** The station client of the surrounding StationProvider. */
export function useStation(): StationClient {
  const client = useContext(StationContext);
  if (client === null) throw new Error('useStation() needs a StationProvider above it.');

  return client;
}
