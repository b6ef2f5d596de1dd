import { AppError } from '../../shared/errors';

/** Error codes the station store raises. The UI switches on these. */
export type StoreErrorCode =
  | 'storage_unavailable'
  | 'store_newer_version'
  | 'store_corrupt'
  | 'store_invalid_record'
  | 'unit_already_packed'
  | 'unit_not_found'
  | 'unit_already_removed'
  | 'unit_already_shipped'
  | 'order_not_found'
  | 'shipment_already_recorded'
  | 'outbox_event_not_found'
  | 'history_cursor_invalid';

export function storeError(
  code: StoreErrorCode,
  message: string,
  details?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details);
}

/** SQLite result codes (better-sqlite3 `SqliteError.code`) that mean the disk cannot be written. */
export function isStorageFailure(code: string): boolean {
  return (
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM'
  );
}

export function isCorruption(code: string): boolean {
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** A message a packer or supervisor can act on for a failed write. */
export function storageUnavailableMessage(code: string): string {
  if (code === 'SQLITE_FULL') {
    return 'The station could not save because the disk is full. Nothing from this action was saved. Free disk space on this computer, then try again.';
  }

  if (code.startsWith('SQLITE_CANTOPEN')) {
    return 'The station could not open its database file. Ask IT to check that the data folder exists and is writable, then restart the station.';
  }

  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') {
    return 'The station could not save because its database file is read-only. Nothing from this action was saved. Ask IT to make the data folder writable, then restart the station.';
  }

  return `The station could not save because the disk reported an error (${code}). Nothing from this action was saved. Ask IT to check the disk, then try again.`;
}
