import { fork } from 'node:child_process';

import path from 'node:path';

import type { ForkOptions, UtilityProcess } from 'electron';

/** What a launcher needs to start the embedded server's process. */
export interface LaunchRequest {
  args: string[];
  env: Record<string, string | undefined>;
}

/**
 * A started server process, the same shape for Electron's utilityProcess and Node's
 * child_process: stdout carries `listening on ...` and log lines, messages carry the tokens.
 */
export interface ServerProcess {
  pid: number | undefined;
  stdout: NodeJS.ReadableStream | null;
  stderr: NodeJS.ReadableStream | null;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  postMessage(message: unknown): void;
  /** Ends the process at once; used only when it does not stop or start in time. */
  kill(): void;
}

export type EmbeddedLauncher = (request: LaunchRequest) => ServerProcess;

/**
 * Starts the server with `child_process.fork`, for plain Node (the browser host and the
 * tests). `entry` is the built .js file or, with `execArgv: ['--import', 'tsx']`, the .ts
 * source (`embeddedEntrySource`).
 */
export function nodeLauncher(
  entry: string,
  options: { execArgv?: string[] } = {},
): EmbeddedLauncher {
  return (request) => {
    const child = fork(entry, request.args, {
      env: request.env,
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });

    return {
      pid: child.pid,
      stdout: child.stdout,
      stderr: child.stderr,
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code: number | null) => listener(code)),
      postMessage: (message) => {
        if (child.connected) child.send(message as object);
      },
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  };
}

/** The part of Electron's `utilityProcess` module the launcher uses. */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess;
}

/**
 * Starts the server with Electron's utilityProcess: a Node process that Chromium's process
 * model owns, so it is ended with the app even when the main process crashes.
 */
export function utilityProcessLauncher(
  utilityProcess: UtilityProcessModule,
  entry: string,
): EmbeddedLauncher {
  return (request) => {
    const child = utilityProcess.fork(entry, request.args, {
      env: request.env,
      stdio: 'pipe',
      serviceName: 'Packing Station embedded server',
    });

    return {
      get pid() {
        return child.pid;
      },
      stdout: child.stdout,
      stderr: child.stderr,
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code: number) => listener(code)),
      postMessage: (message) => child.postMessage(message),
      kill: () => {
        child.kill();
      },
    };
  };
}

/** The built entry inside the app's `out/` folder (electron-vite's `server/embedded` input). */
export function embeddedEntryBuilt(outDir: string): string {
  return path.join(outDir, 'main', 'server', 'embedded.js');
}

/** The TypeScript entry in the source tree, run through tsx in plain Node. */
export function embeddedEntrySource(): string {
  return path.resolve(import.meta.dirname, '..', '..', 'server', 'embedded-entry.ts');
}
