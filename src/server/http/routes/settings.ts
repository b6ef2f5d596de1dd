import { accountSettingsSchema } from '../../../shared/domain';
import type { Database } from '../../db/database';
import { getSettings, saveSettings } from '../../settings';
import { route } from '../route';

export function settingsRoutes({ db }: Database) {
  return [
    route({
      method: 'GET',
      url: '/settings',
      summary: 'Get the account settings',
      role: 'station',
      responses: { 200: 'allowDuplicateSerialsInOrder, crossOrderSerialPolicy and version' },
      handler: async () => getSettings(db),
    }),
    route({
      method: 'PUT',
      url: '/settings',
      summary: 'Replace the account settings',
      role: 'admin',
      body: accountSettingsSchema.strict(),
      responses: { 200: 'The saved settings' },
      handler: async ({ body }) => saveSettings(db, body),
    }),
  ];
}
