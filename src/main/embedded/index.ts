/**
 * The server embedded in a standalone station.
 *
 * `startEmbeddedServer({dataDir, logger, launcher})` starts the server in its own process
 * (Electron: `utilityProcessLauncher(utilityProcess, embeddedEntryBuilt(outDir))`; plain
 * Node: `nodeLauncher(embeddedEntrySource(), {execArgv: ['--import', 'tsx']})`) with its
 * PGlite database under `dataDir`, on 127.0.0.1 and a free port, and resolves with `{url,
 * stationToken, adminToken, demoDataLoaded, removeDemoData(), stop()}`. The tokens are
 * created fresh on each start and reach this process as a message, never through stdout
 * or a file. The demo data (SKUs and orders starting with DEMO-) is loaded on the first
 * start only. Call `stop()` when the app quits.
 */
export { startEmbeddedServer } from './start';
export type { EmbeddedServer, StartEmbeddedServerOptions } from './start';
export {
  embeddedEntryBuilt,
  embeddedEntrySource,
  nodeLauncher,
  utilityProcessLauncher,
} from './launcher';
export type {
  EmbeddedLauncher,
  LaunchRequest,
  ServerProcess,
  UtilityProcessModule,
} from './launcher';
export type { EmbeddedErrorCode } from './errors';
