import { desc, eq } from 'drizzle-orm';

import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { isoOf } from './records';
import { auditLog } from './schema';

export interface AuditEntryInput {
  /** The person or component that acted: a packer or supervisor name, or `sync`. */
  actor: string;
  /** Dotted name of what happened, such as `unit.remove` or `setting.change`. */
  action: string;
  /** What the entry is about: a unit id, an order number or a setting key. */
  subject: string;
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  id: number;
  at: string;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

/** Appends an audit entry inside the caller's transaction. */
export function appendAudit(context: StoreContext, entry: AuditEntryInput, at: number): void {
  context.db
    .insert(auditLog)
    .values({ ...entry, at, details: JSON.stringify(entry.details) })
    .run();
}

export function createAuditRepository(context: StoreContext) {
  const { db } = context;

  return {
    record(entry: AuditEntryInput): void {
      writeTransaction(context, 'audit.record', () => appendAudit(context, entry, context.now()));
    },

    /** Entries about one subject, newest first. */
    forSubject(subject: string, limit = 100): AuditEntry[] {
      return read(context, 'audit.forSubject', () =>
        db
          .select()
          .from(auditLog)
          .where(eq(auditLog.subject, subject))
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(limit)
          .all()
          .map((row) => entryOf(row)),
      );
    },

    recent(limit = 100): AuditEntry[] {
      return read(context, 'audit.recent', () =>
        db
          .select()
          .from(auditLog)
          .orderBy(desc(auditLog.id))
          .limit(limit)
          .all()
          .map((row) => entryOf(row)),
      );
    },
  };
}

function entryOf(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    id: row.id,
    at: isoOf(row.at),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
