import { defineConfig } from 'drizzle-kit';

// Generates the server's PostgreSQL migrations from its schema:
// `npx drizzle-kit generate --config drizzle.server.config.ts`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});
