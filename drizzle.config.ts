/** drizzle-kit settings: `npm run db:generate` writes SQL migrations for changes to the schema. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/infra/postgres/schema.ts',
  out: './migrations',
});
