/**
 * Station logging for the desktop app: `createFileLogger({logDir})` writes to rotating,
 * size-capped files in the user-data folder, and `installCrashHandlers` logs uncaught
 * exceptions (then quits in order) and unhandled rejections.
 */
export { createFileLogger } from './file-logger';
export type { FileLogger, FileLoggerOptions } from './file-logger';
export { installCrashHandlers } from './crash-handlers';
export type { CrashHandlerOptions } from './crash-handlers';
