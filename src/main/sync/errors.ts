import { AppError } from '../../shared/errors';

/** Error codes the sync engine raises or shows in its status. The UI switches on these. */
export type SyncErrorCode =
  | 'backend_not_configured'
  | 'client_diverged'
  | 'rejected_event_not_found'
  | 'label_not_ready'
  | 'sync_stopped';

export function syncError(
  code: SyncErrorCode,
  message: string,
  details?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details);
}
