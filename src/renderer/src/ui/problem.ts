import { StationCallError } from '../ipc/client';

/** A failure shown to the user: the contract's error code and its message. */
export interface Problem {
  code: string;
  message: string;
}

/** Turns whatever a station call rejected with into a Problem the UI can show. */
export function toProblem(cause: unknown): Problem {
  if (cause instanceof StationCallError) return { code: cause.code, message: cause.message };

  return { code: 'internal_error', message: 'The station did not answer. Try again.' };
}

/** True when main has no handler for the channel yet, or the link to main is down. */
export function isUnavailable(problem: Problem): boolean {
  return problem.code === 'not_available' || problem.code === 'disconnected';
}
