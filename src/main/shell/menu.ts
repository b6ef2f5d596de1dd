import type * as Electron from 'electron';

import { describePaths } from '../config';
import type { StationPaths } from '../config';
import type { EmbeddedServer } from '../embedded';
import type { Logger } from '../logger';

export type MenuModules = Pick<typeof Electron, 'Menu' | 'dialog' | 'shell'>;

export interface MenuOptions {
  paths: StationPaths;
  /** The embedded server in standalone mode; null in configured mode. */
  embedded: EmbeddedServer | null;
  logger: Logger;
  quit(): void;
}

/**
 * Installs the application menu: standard edit commands for the text fields, zoom for small
 * screens, and a Help menu that shows where logs and data live and, in standalone mode,
 * removes the demo data.
 */
export function installMenu(electron: MenuModules, options: MenuOptions): void {
  const { Menu } = electron;
  const helpItems: Electron.MenuItemConstructorOptions[] = [
    {
      label: 'Logs and Data Folders…',
      click: () => void showPaths(electron, options),
    },
  ];

  if (options.embedded !== null) {
    const embedded = options.embedded;
    helpItems.push({
      label: 'Remove Demo Data…',
      click: () => void removeDemoData(electron, embedded, options.logger),
    });
  }

  const template: Electron.MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [{ label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: options.quit }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: helpItems },
  ];

  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function showPaths(electron: MenuModules, options: MenuOptions): Promise<void> {
  const { response } = await electron.dialog.showMessageBox({
    type: 'info',
    title: 'Logs and data folders',
    message: 'Packing Station keeps its files here:',
    detail: describePaths(options.paths),
    buttons: ['Open Logs Folder', 'Open Data Folder', 'Close'],
    defaultId: 2,
    cancelId: 2,
  });

  const folder = [options.paths.logDir, options.paths.dataDir][response];
  if (folder === undefined) return;

  const failure = await electron.shell.openPath(folder);
  if (failure !== '') options.logger.warn({ folder, failure }, 'could not open a folder');
}

async function removeDemoData(
  electron: MenuModules,
  embedded: EmbeddedServer,
  logger: Logger,
): Promise<void> {
  const { response } = await electron.dialog.showMessageBox({
    type: 'question',
    title: 'Remove demo data',
    message: 'Cancel the demo orders (numbers starting with DEMO-) that are still open?',
    detail:
      'Packed demo units stay in the history. The demo data is not loaded again on later starts.',
    buttons: ['Remove Demo Data', 'Keep'],
    defaultId: 1,
    cancelId: 1,
  });
  if (response !== 0) return;

  try {
    const { orders } = await embedded.removeDemoData();
    await electron.dialog.showMessageBox({
      type: 'info',
      title: 'Demo data removed',
      message: `${orders} open demo order${orders === 1 ? '' : 's'} cancelled.`,
    });
  } catch (error) {
    logger.error({ err: error }, 'removing the demo data failed');
    electron.dialog.showErrorBox('Demo data not removed', (error as Error).message);
  }
}
