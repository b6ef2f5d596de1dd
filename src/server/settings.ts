import { eq } from 'drizzle-orm';

import { defaultAccountSettings } from '../shared/domain';
import type { AccountSettings } from '../shared/domain';
import type { Executor } from './db/database';
import { nextVersion } from './db/database';
import { settings } from './db/schema';

/** The account settings; the defaults until an admin saves them the first time. */
export async function getSettings(db: Executor): Promise<AccountSettings & { version: number }> {
  const rows = await db.select().from(settings).where(eq(settings.id, 1)).limit(1);
  const row = rows[0];
  if (row === undefined) return { ...defaultAccountSettings, version: 0 };

  return {
    allowDuplicateSerialsInOrder: row.allowDuplicateSerialsInOrder,
    crossOrderSerialPolicy: row.crossOrderSerialPolicy,
    version: row.version,
  };
}

export async function saveSettings(
  db: Executor,
  next: AccountSettings,
): Promise<AccountSettings & { version: number }> {
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx);
    const values = { id: 1, ...next, version };
    await tx
      .insert(settings)
      .values(values)
      .onConflictDoUpdate({ target: settings.id, set: values });
    return { ...next, version };
  });
}
