import { defineConfig } from 'drizzle-kit';

// Generates the station database's migrations from its drizzle schema:
// `npm run db:generate:store`. The generated folder is committed and applied at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/store/schema.ts',
  out: './src/main/store/migrations',
});
