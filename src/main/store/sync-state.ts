import { eq } from 'drizzle-orm';

import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { pullCursors, syncState } from './schema';

/** Streams pulled from the server, each with its own cursor. */
export type PullStream = 'catalog' | 'orders' | 'settings';

export type SyncStateRepository = ReturnType<typeof createSyncStateRepository>;

export function createSyncStateRepository(context: StoreContext) {
  const { db } = context;

  function state(): typeof syncState.$inferSelect {
    const row = db.select().from(syncState).where(eq(syncState.id, 1)).get();
    if (row === undefined) {
      throw new Error('sync_state has no row: the database was not migrated');
    }

    return row;
  }

  return {
    /** The random UUID created with this database; a new database gets a new one. */
    clientId(): string {
      return read(context, 'syncState.clientId', () => state().clientId);
    },

    /** The seq of the last event written to the outbox, 0 before the first. */
    lastSeq(): number {
      return read(context, 'syncState.lastSeq', () => state().lastSeq);
    },

    /** The cursor of the last pull of `stream`, or null before the first pull. */
    cursor(stream: PullStream): string | null {
      return read(context, 'syncState.cursor', () => {
        const row = db.select().from(pullCursors).where(eq(pullCursors.stream, stream)).get();
        return row?.cursor ?? null;
      });
    },

    /** Stores a pull cursor; call it in the same transaction as the pulled rows. */
    setCursor(stream: PullStream, cursor: string): void {
      const row = { stream, cursor, updatedAt: context.now() };

      writeTransaction(context, 'syncState.setCursor', () => {
        db.insert(pullCursors)
          .values(row)
          .onConflictDoUpdate({ target: pullCursors.stream, set: row })
          .run();
      });
    },
  };
}
