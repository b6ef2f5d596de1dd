import { homedir } from 'node:os';
import path from 'node:path';

/** Default folder of the embedded PGlite database, in the platform's per-user data folder. */
export function defaultDataDir(): string {
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(
        process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'),
        'packing-station',
        'server-db',
      );
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'packing-station', 'server-db');
    default:
      return path.join(
        process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'),
        'packing-station',
        'server-db',
      );
  }
}
