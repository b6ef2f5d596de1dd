import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { z } from 'zod';

import { configError } from './errors';

/**
 * The configuration file, `station-config.json` in the user-data folder. It never contains
 * the token: that is kept by the token store. Every field is optional; a missing file is an
 * empty configuration.
 */
export const configFileSchema = z.strictObject({
  backendUrl: z.string().optional(),
  stationName: z.string().optional(),
  packerName: z.string().optional(),
  dataDir: z.string().optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;

export async function readConfigFile(file: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw configError(
      'invalid_config_file',
      `${file} is not valid JSON (${(error as Error).message}). Fix the file or delete it to start in standalone mode.`,
      { file },
    );
  }

  const result = configFileSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where =
      issue === undefined || issue.path.length === 0 ? '' : ` at "${issue.path.join('.')}"`;
    throw configError(
      'invalid_config_file',
      `${file} is invalid${where}: ${issue?.message ?? 'unknown problem'}. Allowed fields: backendUrl, stationName, packerName, dataDir.`,
      { file },
    );
  }

  return result.data;
}

/** Replaces the configuration file through a temporary file, so a crash leaves the old one. */
export async function writeConfigFile(file: string, config: ConfigFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });

  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
