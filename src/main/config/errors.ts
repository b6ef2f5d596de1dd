import { AppError } from '../../shared/errors';

/** Codes of the errors a person can hit while the station's configuration is read or saved. */
export type ConfigErrorCode =
  | 'invalid_config_file'
  | 'invalid_flag'
  | 'invalid_backend_url'
  | 'invalid_station_token'
  | 'invalid_station_name'
  | 'invalid_packer_name'
  | 'missing_station_token'
  | 'token_unreadable'
  | 'secure_storage_unavailable';

export function configError(
  code: ConfigErrorCode,
  message: string,
  details?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details);
}
