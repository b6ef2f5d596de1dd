import { z } from 'zod';

/** The error half of every IPC reply. No stack traces ever cross the boundary. */
export const ipcErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Every IPC reply: `{ok: true, value}` or `{ok: false, error: {code, message}}`. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: string, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** Error codes produced by the IPC layer itself, before or after a handler runs. */
export type IpcLayerErrorCode =
  'invalid_request' | 'unknown_channel' | 'forbidden_sender' | 'internal_error' | 'disconnected';
