import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createPlainFileTokenStore,
  createSafeStorageTokenStore,
  resolveStationConfig,
} from '../../../src/main/config';
import type { SafeStorageApi } from '../../../src/main/config';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'station-token-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const token = 'pst_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

/**
 * Stands in for the operating system's key store behind safeStorage: XOR with a key that
 * lives only in this object, so a file written by one "machine" cannot be read by another.
 */
function fakeSafeStorage(options: { available?: boolean; key?: number } = {}): SafeStorageApi {
  const key = options.key ?? 0x5a;
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ key));

  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(options.available ?? true),
    encryptStringAsync: (text: string) =>
      Promise.resolve(Buffer.concat([Buffer.from('v1:'), xor(Buffer.from(text, 'utf8'))])),
    decryptStringAsync: (encrypted: Buffer) => {
      if (!encrypted.subarray(0, 3).equals(Buffer.from('v1:'))) {
        return Promise.reject(new Error('Error while decrypting the ciphertext'));
      }
      const text = xor(encrypted.subarray(3)).toString('utf8');
      if (!text.startsWith('pst_')) return Promise.reject(new Error('wrong key'));
      return Promise.resolve({ result: text, shouldReEncrypt: false });
    },
  };
}

describe('safeStorage token store', () => {
  it('round-trips the token', async () => {
    const store = createSafeStorageTokenStore(fakeSafeStorage(), path.join(folder, 'token.enc'));

    await store.write(token);

    expect(await store.read()).toBe(token);
  });

  it('never writes the token in clear', async () => {
    const file = path.join(folder, 'token.enc');
    const store = createSafeStorageTokenStore(fakeSafeStorage(), file);

    await store.write(token);

    expect(readFileSync(file).toString('latin1')).not.toContain(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('returns null when no token was saved', async () => {
    const store = createSafeStorageTokenStore(fakeSafeStorage(), path.join(folder, 'token.enc'));

    expect(await store.read()).toBeNull();
  });

  it('refuses to save without a key store', async () => {
    const file = path.join(folder, 'token.enc');
    const store = createSafeStorageTokenStore(fakeSafeStorage({ available: false }), file);

    await expect(store.write(token)).rejects.toMatchObject({ code: 'secure_storage_unavailable' });
    expect(() => statSync(file)).toThrow();
  });

  it('names the file when the token cannot be decrypted', async () => {
    const file = path.join(folder, 'token.enc');
    await createSafeStorageTokenStore(fakeSafeStorage({ key: 1 }), file).write(token);
    const otherMachine = createSafeStorageTokenStore(fakeSafeStorage({ key: 2 }), file);

    const error = await otherMachine.read().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'token_unreadable' });
    expect((error as Error).message).toContain(file);
  });

  it('clear removes the saved token', async () => {
    const store = createSafeStorageTokenStore(fakeSafeStorage(), path.join(folder, 'token.enc'));
    await store.write(token);

    await store.clear();

    expect(await store.read()).toBeNull();
  });
});

describe('plain-file token store', () => {
  it('writes the file with mode 0600', async () => {
    const file = path.join(folder, 'station-token.txt');
    const store = createPlainFileTokenStore(file);

    await store.write(token);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.read()).toBe(token);
  });

  it('starts the file with a note', async () => {
    const file = path.join(folder, 'station-token.txt');
    await createPlainFileTokenStore(file).write(token);

    const content = readFileSync(file, 'utf8');

    expect(content.startsWith('# Packing Station station token, in plain text')).toBe(true);
    expect(content.trimEnd().endsWith(token)).toBe(true);
  });

  it('treats an empty file as no token', async () => {
    const file = path.join(folder, 'station-token.txt');
    writeFileSync(file, '\n');

    expect(await createPlainFileTokenStore(file).read()).toBeNull();
  });
});

describe('token store choice', () => {
  it('uses safeStorage when Electron provides it', async () => {
    const { tokenStore } = await resolveStationConfig({
      userDataDir: folder,
      argv: [],
      env: {},
      safeStorage: fakeSafeStorage(),
    });

    expect(tokenStore.kind).toBe('safe-storage');
    expect(tokenStore.file).toBe(path.join(folder, 'station-token.enc'));
  });

  it('falls back to a 0600 file without safeStorage', async () => {
    const { tokenStore } = await resolveStationConfig({ userDataDir: folder, argv: [], env: {} });

    expect(tokenStore.kind).toBe('plain-file');
    expect(tokenStore.file).toBe(path.join(folder, 'station-token.txt'));
  });
});
