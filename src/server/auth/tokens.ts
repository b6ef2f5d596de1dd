import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';

import type { Executor } from '../db/database';
import { apiTokens } from '../db/schema';
import { serverError } from '../errors';

/** `station` tokens pack and sync; `admin` tokens also edit products, orders and settings. */
export const tokenRoleSchema = z.enum(['station', 'admin']);
export type TokenRole = z.infer<typeof tokenRoleSchema>;

export interface TokenIdentity {
  name: string;
  role: TokenRole;
}

export const tokenNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'use letters, digits, dot, dash or underscore');

const tokenPrefix = 'pst_';

/**
 * Creates a token and stores only its SHA-256 hash. The returned token is the one chance
 * to see it: 32 random bytes, base64url, with a prefix that makes it recognisable in a
 * leaked file.
 */
export async function createToken(
  db: Executor,
  name: string,
  role: TokenRole,
): Promise<{ token: string; identity: TokenIdentity }> {
  const validName = tokenNameSchema.parse(name);
  const token = tokenPrefix + randomBytes(32).toString('base64url');

  const inserted = await db
    .insert(apiTokens)
    .values({ name: validName, role, tokenHash: hashToken(token) })
    .onConflictDoNothing({ target: apiTokens.name })
    .returning({ name: apiTokens.name });
  if (inserted.length === 0) {
    throw serverError(
      'token_name_taken',
      `A token named "${validName}" already exists. Revoke it first or pick another name.`,
      { name: validName },
    );
  }

  return { token, identity: { name: validName, role } };
}

export async function listTokens(
  db: Executor,
): Promise<{ name: string; role: TokenRole; createdAt: Date }[]> {
  return db
    .select({ name: apiTokens.name, role: apiTokens.role, createdAt: apiTokens.createdAt })
    .from(apiTokens)
    .orderBy(asc(apiTokens.name));
}

export async function revokeToken(db: Executor, name: string): Promise<void> {
  const deleted = await db
    .delete(apiTokens)
    .where(eq(apiTokens.name, name))
    .returning({ name: apiTokens.name });
  if (deleted.length === 0) {
    throw serverError(
      'token_not_found',
      `No token is named "${name}". Run "token list" to see the names.`,
      { name },
    );
  }
}

/**
 * Returns who a bearer token belongs to, or null for an unknown token. The row is found by
 * its hash and the hashes are compared again in constant time.
 */
export async function authenticateToken(
  db: Executor,
  token: string,
): Promise<TokenIdentity | null> {
  if (!token.startsWith(tokenPrefix) || token.length > 200) return null;

  const hash = hashToken(token);
  const rows = await db
    .select({ name: apiTokens.name, role: apiTokens.role, tokenHash: apiTokens.tokenHash })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hash))
    .limit(1);
  const row = rows[0];
  if (row === undefined) return null;

  const matches = timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(hash, 'hex'));
  return matches ? { name: row.name, role: row.role } : null;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
