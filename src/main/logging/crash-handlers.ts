import type { Logger } from '../logger';

export interface CrashHandlerOptions {
  /** The process to watch; `process` outside tests. */
  process: NodeJS.EventEmitter;
  logger: Logger;
  /** Writes buffered log lines to disk before anything else can fail. */
  flushSync?: () => void;
  /**
   * Runs once on the first uncaught exception: the app's orderly quit (stop scanner reads,
   * close the database, stop the embedded server), which then exits with code 1.
   */
  onFatal: (error: unknown) => void;
}

/**
 * Logs uncaught exceptions and unhandled rejections instead of letting them vanish.
 *
 * An uncaught exception leaves the process in an unknown state, so it is logged as fatal
 * and the app quits through `onFatal`. An unhandled rejection is logged as an error and the
 * app keeps running: the station writes each packed unit and its outbox event in one
 * synchronous SQLite transaction, which has committed or rolled back before any promise
 * can reject, so the outbox stays consistent either way. Returns a function that removes
 * the handlers.
 */
export function installCrashHandlers(options: CrashHandlerOptions): () => void {
  const log = options.logger.child({ component: 'crash' });
  let fatalSeen = false;

  const onException = (error: unknown, origin: unknown) => {
    log.fatal({ err: error, origin }, 'uncaught exception; the station is quitting');
    options.flushSync?.();

    if (fatalSeen) return;
    fatalSeen = true;
    options.onFatal(error);
  };

  const onRejection = (reason: unknown) => {
    log.error({ err: reason }, 'unhandled promise rejection');
    options.flushSync?.();
  };

  options.process.on('uncaughtException', onException);
  options.process.on('unhandledRejection', onRejection);

  return () => {
    options.process.off('uncaughtException', onException);
    options.process.off('unhandledRejection', onRejection);
  };
}
