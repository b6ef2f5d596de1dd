import type { ErrorBody } from '../errors';
import type { PackingDecision, PackingEffect, PackingState } from './types';

/** Keeps `state`, shows the error and plays the error sound. */
export function reject(state: PackingState, error: ErrorBody): PackingDecision {
  return {
    state,
    effects: [
      { type: 'show_error', error },
      { type: 'play_sound', sound: 'error' },
    ],
  };
}

/** Builds an error body for a packing error code. */
export function packingError(
  code: string,
  message: string,
  details?: Record<string, unknown>,
): ErrorBody {
  return details === undefined ? { code, message } : { code, message, details };
}

export function succeed(state: PackingState, effects: PackingEffect[]): PackingDecision {
  return { state, effects: [...effects, { type: 'play_sound', sound: 'success' }] };
}
