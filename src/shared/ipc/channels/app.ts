import { z } from 'zod';

import { channel } from '../define';

/** Channels about the station app itself: version, mode and a round-trip check. */
export const appChannels = {
  'app.info': channel({
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      /** `electron` inside the desktop app; `browser-host` in the dev-only browser host. */
      shell: z.enum(['electron', 'browser-host']),
      startedAt: z.string(),
    }),
  }),
  /**
   * Round trip for diagnostics: main answers and then pushes `app.echoed`, so one call
   * proves both directions of the link between window and main.
   */
  'app.echo': channel({
    request: z.object({ message: z.string().min(1).max(200) }).strict(),
    response: z.object({ message: z.string(), receivedAt: z.string() }),
  }),
};

export const appEvents = {
  'app.echoed': z.object({ message: z.string(), at: z.string() }),
};
