import { eq } from 'drizzle-orm';

import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { isoOf } from './records';
import { packSessions } from './schema';

/**
 * The pack session the packing service persists after every change, so a restart resumes
 * mid-order. The store does not interpret `state` or `data`; the packing service owns them.
 */
export interface PackSessionRecord {
  stationId: string;
  orderNumber: string | null;
  state: string;
  /** Any JSON-serialisable value. */
  data: unknown;
}

export interface StoredPackSession extends PackSessionRecord {
  updatedAt: string;
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;

export function createSessionRepository(context: StoreContext) {
  const { db } = context;

  return {
    load(stationId: string): StoredPackSession | null {
      return read(context, 'session.load', () => {
        const row = db
          .select()
          .from(packSessions)
          .where(eq(packSessions.stationId, stationId))
          .get();
        if (row === undefined) {
          return null;
        }

        return {
          stationId: row.stationId,
          orderNumber: row.orderNumber,
          state: row.state,
          data: JSON.parse(row.data) as unknown,
          updatedAt: isoOf(row.updatedAt),
        };
      });
    },

    /** Replaces the station's session; call it in the same transaction as the change it records. */
    save(session: PackSessionRecord): void {
      const row = {
        stationId: session.stationId,
        orderNumber: session.orderNumber,
        state: session.state,
        data: JSON.stringify(session.data ?? null),
        updatedAt: context.now(),
      };

      writeTransaction(context, 'session.save', () => {
        db.insert(packSessions)
          .values(row)
          .onConflictDoUpdate({ target: packSessions.stationId, set: row })
          .run();
      });
    },

    clear(stationId: string): void {
      writeTransaction(context, 'session.clear', () => {
        db.delete(packSessions).where(eq(packSessions.stationId, stationId)).run();
      });
    },
  };
}
