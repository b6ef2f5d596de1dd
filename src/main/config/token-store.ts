import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { SafeStorage } from 'electron';

import { configError } from './errors';

/**
 * Keeps the station token between runs. Only `read` ever returns the token; the store never
 * logs it and its errors name the file, never the content.
 */
export interface TokenStore {
  kind: 'safe-storage' | 'plain-file';
  file: string;
  read(): Promise<string | null>;
  write(token: string): Promise<void>;
  clear(): Promise<void>;
}

export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
>;

/**
 * A token store encrypted with Electron's safeStorage (DPAPI on Windows, the Keychain on
 * macOS, libsecret or KWallet on Linux). Call it after the app's `ready` event. Without an
 * OS key store, writing fails with `secure_storage_unavailable` rather than falling back to
 * a readable file.
 */
export function createSafeStorageTokenStore(safeStorage: SafeStorageApi, file: string): TokenStore {
  return {
    kind: 'safe-storage',
    file,

    async read() {
      const encrypted = await readOptional(file);
      if (encrypted === null) return null;

      try {
        const { result } = await safeStorage.decryptStringAsync(encrypted);
        return result;
      } catch (error) {
        throw configError(
          'token_unreadable',
          `The station token in ${file} cannot be decrypted (was it copied from another user or machine?). Delete the file and save the token again.`,
          { file, reason: error instanceof Error ? error.message : String(error) },
        );
      }
    },

    async write(token) {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw configError(
          'secure_storage_unavailable',
          'The operating system offers no key store to encrypt the station token. Set PACKING_STATION_TOKEN in the environment instead of saving it.',
          { file },
        );
      }

      const encrypted = await safeStorage.encryptStringAsync(token);
      await writePrivateFile(file, encrypted);
    },

    clear: () => rm(file, { force: true }),
  };
}

/**
 * A token store for the browser host, where Electron's safeStorage does not exist: the token
 * is a plain text file readable by its owner only (mode 0600). Anyone who can read the
 * user's files can read the token, so the desktop app never uses this store.
 */
export function createPlainFileTokenStore(file: string): TokenStore {
  return {
    kind: 'plain-file',
    file,

    async read() {
      const content = await readOptional(file);
      if (content === null) return null;

      const lines = content.toString('utf8').split('\n');
      const token = lines
        .map((line) => line.trim())
        .find((line) => line !== '' && !line.startsWith('#'));
      return token ?? null;
    },

    async write(token) {
      await writePrivateFile(file, `${plainFileNote}${token}\n`);
    },

    clear: () => rm(file, { force: true }),
  };
}

/** The first lines of the plain token file, so whoever opens it knows what it is. */
const plainFileNote = [
  '# Packing Station station token, in plain text: the browser host has no OS key store.',
  '# Only this user may read the file (mode 0600). Keep it that way, and do not copy it.',
  '# The desktop app keeps the token encrypted in station-token.enc instead.',
  '',
].join('\n');

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a token. */
async function writePrivateFile(file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });

  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  // The mode given to writeFile only applies when the file is created, and umask can narrow
  // it but never widen it; chmod makes 0600 hold for a leftover temporary file as well.
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
