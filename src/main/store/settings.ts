import { eq } from 'drizzle-orm';
import type { ZodType } from 'zod';

import { accountSettingsSchema, defaultAccountSettings } from '../../shared/domain';
import type { AccountSettings } from '../../shared/domain';
import { read, writeTransaction } from './context';
import type { StoreContext } from './context';
import { parseRecord } from './records';
import { settings } from './schema';

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;

const accountKey = 'account';

/** Settings as JSON values under a key; the account settings come from the server. */
export function createSettingsRepository(context: StoreContext) {
  const { db } = context;

  function getValue<T>(key: string, schema: ZodType<T>): T | null {
    return read(context, 'settings.get', () => {
      const row = db.select().from(settings).where(eq(settings.key, key)).get();
      return row === undefined
        ? null
        : parseRecord(`setting ${key}`, schema, JSON.parse(row.value));
    });
  }

  function putValue<T>(key: string, schema: ZodType<T>, value: T): void {
    const valid = parseRecord(`setting ${key}`, schema, value);
    const row = { key, value: JSON.stringify(valid), updatedAt: context.now() };

    writeTransaction(context, 'settings.put', () => {
      db.insert(settings).values(row).onConflictDoUpdate({ target: settings.key, set: row }).run();
    });
  }

  return {
    /** The account settings last pulled from the server, or the defaults before any pull. */
    account(): AccountSettings {
      return getValue(accountKey, accountSettingsSchema) ?? defaultAccountSettings;
    },

    putAccount(value: AccountSettings): void {
      putValue(accountKey, accountSettingsSchema, value);
    },

    get: getValue,
    put: putValue,
  };
}
