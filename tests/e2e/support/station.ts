import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { startBrowserHost } from '../../../src/browser-host/host';
import type { BrowserHost } from '../../../src/browser-host/host';
import { embeddedEntrySource, nodeLauncher, startEmbeddedServer } from '../../../src/main/embedded';
import { resolveStationConfig } from '../../../src/main/config';
import type { HidBackend } from '../../../src/main/scanner/hid-backend';
import { createStationServices } from '../../../src/main/services';
import type { StationServices } from '../../../src/main/services';
import { captureLogger } from '../../support/capture-logger';
import { launchChromium } from '../../support/chromium';
import { rendererDir } from '../../support/renderer-build';

/** A backend server of our own, in its own process with a fresh PGlite database and demo data. */
export interface Backend {
  url: string;
  stationToken: string;
  adminToken: string;
  stop(): Promise<void>;
}

export interface StationOptions {
  /** A backend to use in configured mode; without it the station runs standalone. */
  backend?: Omit<Backend, 'stop'>;
  /** HID access for scanners, e.g. a fake device that replays recorded reports. */
  hid?: HidBackend;
}

/** The station's services in this process, the browser host in front of them, and Chromium. */
export interface Station {
  services: StationServices;
  host: BrowserHost;
  browser: Browser;
  dataFolder: string;
  /** Opens the station window at a size of a bench monitor, with the per-run token. */
  openPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Window size of the screenshots and tests: a common 1280×800 bench monitor. */
export const viewport = { width: 1280, height: 800 };

export async function startBackend(): Promise<Backend> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'packing-backend-'));
  const { logger } = captureLogger();
  const server = await startEmbeddedServer({
    dataDir,
    logger,
    launcher: serverLauncher(),
  });

  return {
    url: server.url,
    stationToken: server.stationToken,
    adminToken: server.adminToken,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startStation(options: StationOptions = {}): Promise<Station> {
  const dataFolder = mkdtempSync(path.join(tmpdir(), 'packing-station-'));
  const { logger } = captureLogger();
  const backend = options.backend;
  const { config, tokenStore } = await resolveStationConfig({
    userDataDir: dataFolder,
    argv: [
      ...['--station-name', 'Bench 3', '--packer-name', 'Alex'],
      ...(backend === undefined ? [] : ['--backend-url', backend.url]),
    ],
    env: backend === undefined ? {} : { PACKING_STATION_TOKEN: backend.stationToken },
  });
  const services = await createStationServices({
    logger,
    shell: 'browser-host',
    config,
    tokenStore,
    launcher: serverLauncher(),
    adminToken: backend?.adminToken ?? null,
    hid: options.hid ?? null,
  });
  const host = await startBrowserHost({ services, rendererDir, logger });
  const browser = await launchChromium();
  const pages: Page[] = [];

  return {
    services,
    host,
    browser,
    dataFolder,
    async openPage() {
      const page = await browser.newPage({ viewport });
      pages.push(page);
      await page.goto(host.url);
      await page.getByTestId('feedback').waitFor();

      return page;
    },
    async close() {
      for (const page of pages) await page.close().catch(() => {});
      await browser.close();
      await host.close();
      await services.close();
      rmSync(dataFolder, { recursive: true, force: true });
    },
  };
}

/** Runs the server from its TypeScript source in a child Node process, through tsx. */
function serverLauncher() {
  return nodeLauncher(embeddedEntrySource(), { execArgv: ['--import', 'tsx'] });
}
