import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { captureError, openTestStore, tempFolder, unitInput } from './temp-store';

const migrationsFolder = fileURLToPath(
  new URL('../../../src/main/store/migrations', import.meta.url),
);

let temp: ReturnType<typeof tempFolder>;

beforeEach(() => {
  temp = tempFolder();
});

afterEach(() => {
  temp.remove();
});

describe('opening the station store', () => {
  it('creates a database with a client id', () => {
    const store = openTestStore(temp.file);
    const clientId = store.syncState.clientId();
    store.close();

    expect(clientId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(existsSync(temp.file)).toBe(true);
  });

  it('keeps the client id across restarts', () => {
    const first = openTestStore(temp.file);
    const clientId = first.syncState.clientId();
    first.close();

    const second = openTestStore(temp.file);
    expect(second.syncState.clientId()).toBe(clientId);
    second.close();
  });

  it('gives each new database its own client id', () => {
    const other = tempFolder();
    const first = openTestStore(temp.file);
    const second = openTestStore(other.file);

    expect(first.syncState.clientId()).not.toBe(second.syncState.clientId());

    first.close();
    second.close();
    other.remove();
  });

  it('uses WAL with synchronous FULL', () => {
    const store = openTestStore(temp.file);
    const diagnostics = store.diagnostics();
    store.close();

    expect(diagnostics.journalMode).toBe('wal');
    expect(diagnostics.synchronous).toBe(2);
    expect(diagnostics.schemaVersion).toBe(migrationCount());
  });

  it('keeps a committed unit after closing', () => {
    const store = openTestStore(temp.file);
    const { unit } = store.units.pack(unitInput());
    store.close();

    const sqlite = new Database(temp.file, { readonly: true });
    const row = sqlite
      .prepare('SELECT serial FROM packed_units WHERE unit_id = ?')
      .get(unit.unitId);
    sqlite.close();

    expect(row).toEqual({ serial: 'SN-0001' });
  });

  it('applies all migrations in one transaction', () => {
    const folder = path.join(temp.folder, 'migrations');
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      entries: { idx: number; when: number; tag: string; breakpoints: boolean }[];
    };
    journal.entries.push({
      idx: journal.entries.length,
      when: Date.now(),
      tag: '9999_broken',
      breakpoints: true,
    });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(
      path.join(folder, '9999_broken.sql'),
      'CREATE TABLE later (id INTEGER);\n--> statement-breakpoint\nTHIS IS NOT SQL;',
    );

    expect(() => openTestStore(temp.file, { migrationsFolder: folder })).toThrow();

    const sqlite = new Database(temp.file, { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    const version = sqlite.pragma('user_version', { simple: true });
    sqlite.close();

    expect(tables).toEqual([]);
    expect(version).toBe(0);
  });

  it('rejects a database from a newer version untouched', () => {
    openTestStore(temp.file).close();
    const sqlite = new Database(temp.file);
    sqlite.pragma(`user_version = ${migrationCount() + 1}`);
    sqlite.close();
    const before = fingerprint(temp.file);

    const error = captureError(() => openTestStore(temp.file));

    expect(error.code).toBe('store_newer_version');
    expect(error.message).toContain(temp.file);
    expect(error.message).toContain(`schema version ${migrationCount() + 1}`);
    expect(error.message).toContain('Install the newer version');
    expect(fingerprint(temp.file)).toEqual(before);
  });

  it('rejects a file that is not a database untouched', () => {
    writeFileSync(temp.file, 'these are not the bytes of a SQLite database '.repeat(200));
    const before = fingerprint(temp.file);

    const error = captureError(() => openTestStore(temp.file));

    expect(error.code).toBe('store_corrupt');
    expect(error.message).toContain('is damaged');
    expect(error.message).toContain('do not delete it');
    expect(fingerprint(temp.file)).toEqual(before);
  });

  it('rejects a damaged database untouched', () => {
    const store = openTestStore(temp.file);
    store.transaction(() => {
      for (let index = 0; index < 400; index += 1) {
        store.units.pack(unitInput({ serial: `SN-${String(index).padStart(6, '0')}` }));
      }
    });
    store.close();
    damagePages(temp.file);
    const before = fingerprint(temp.file);

    const error = captureError(() => openTestStore(temp.file));

    expect(error.code).toBe('store_corrupt');
    expect(fingerprint(temp.file)).toEqual(before);
  });
});

function migrationCount(): number {
  const journal = JSON.parse(
    readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

function fingerprint(file: string): { sha256: string; mtimeMs: number; size: number } {
  const stat = statSync(file);
  return {
    sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    mtimeMs: stat.mtimeMs,
    size: stat.size,
  };
}

/** Overwrites the middle of every b-tree page after the first few with a repeating pattern. */
function damagePages(file: string): void {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  for (let page = 3; page * pageSize < bytes.length; page += 1) {
    bytes.fill(0xa5, page * pageSize + 8, page * pageSize + pageSize / 2);
  }
  writeFileSync(file, bytes);
}
