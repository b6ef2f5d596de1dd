import { AppError } from '../../shared/errors';
import type { AccountSettings, Product } from '../../shared/domain';
import type { CsvImportResult } from '../../shared/ipc/channels/admin';
import type { BulkEditResult } from '../backend';
import type { EventBus } from '../ipc/event-bus';
import type { Handlers } from '../ipc/dispatcher';
import type { BackendPort } from '../packing';

type AdminChannel =
  | 'admin.access'
  | 'admin.products.search'
  | 'admin.products.update'
  | 'admin.products.bulkEdit'
  | 'admin.products.importCsv'
  | 'admin.settings.get'
  | 'admin.settings.update';

/** Whether the admin screens may be used, and the backend client that carries admin rights. */
export type AdminAccess =
  { backend: BackendPort; reason: null } | { backend: null; reason: string };

export interface AdminHandlerOptions {
  access: () => AdminAccess;
  bus: EventBus;
  /**
   * Called with what the server stored, so the station applies a changed product or
   * setting at the next scan instead of after the next pull.
   */
  onProductsChanged: (products: Product[]) => void;
  onSettingsChanged: (settings: AccountSettings) => void;
}

/** Products and account settings, changed on the server with an admin token or in standalone mode. */
export function adminHandlers(options: AdminHandlerOptions): Pick<Handlers, AdminChannel> {
  const backend = (): BackendPort => {
    const access = options.access();
    if (access.backend === null) {
      throw new AppError('admin_not_allowed', access.reason);
    }

    return access.backend;
  };

  return {
    'admin.access': () => {
      const access = options.access();
      return { allowed: access.backend !== null, reason: access.reason };
    },

    'admin.products.search': async ({ query, cursor, limit }) => {
      const page = await backend().searchProducts({ q: query, after: cursor, limit });
      return { products: page.products, nextCursor: page.next };
    },

    'admin.products.update': async ({ sku, changes }) => {
      const product = await backend().updateProduct(sku, changes);
      options.onProductsChanged([product]);
      return product;
    },

    'admin.products.bulkEdit': async ({ skus, changes }) => {
      const result = await backend().bulkEditProducts({ skus, change: changes });
      return { results: bulkResultsOf(result) };
    },

    'admin.products.importCsv': async ({ csv, dryRun }) => {
      const totalBytes = Buffer.byteLength(csv);
      options.bus.emit('admin.importProgress', { sentBytes: 0, totalBytes });

      // NOTE: the request body is sent in one piece, so progress jumps from 0 to done.
      const result = await backend().importBulkEditCsv(csv, { dryRun });
      options.bus.emit('admin.importProgress', { sentBytes: totalBytes, totalBytes });
      return importResultOf(result);
    },

    'admin.settings.get': async () => settingsOf(await backend().getSettings()),

    'admin.settings.update': async (changes) => {
      const client = backend();
      const current = settingsOf(await client.getSettings());
      const stored = settingsOf(await client.putSettings({ ...current, ...changes }));
      options.onSettingsChanged(stored);
      return stored;
    },
  };
}

function settingsOf(answer: AccountSettings): AccountSettings {
  return {
    allowDuplicateSerialsInOrder: answer.allowDuplicateSerialsInOrder,
    crossOrderSerialPolicy: answer.crossOrderSerialPolicy,
  };
}

function bulkResultsOf(result: BulkEditResult) {
  return [...result.changed, ...result.unchanged, ...result.rejected]
    .sort((a, b) => a.row - b.row)
    .map((row) => ({
      sku: row.sku,
      status: row.outcome,
      code: row.code ?? null,
      message: row.message ?? null,
    }));
}

function importResultOf(result: BulkEditResult): CsvImportResult {
  const rowOf = (row: BulkEditResult['changed'][number]) => ({ row: row.row, sku: row.sku });

  return {
    dryRun: result.dryRun,
    applied: result.applied,
    changed: result.changed.map(rowOf),
    unchanged: result.unchanged.map(rowOf),
    rejected: result.rejected.map((row) => ({
      row: row.row,
      sku: row.sku === '' ? null : row.sku,
      column: row.column ?? null,
      code: row.code ?? 'rejected',
      message: row.message ?? 'The server rejected this row.',
    })),
    unknownColumns: result.ignoredColumns,
  };
}
