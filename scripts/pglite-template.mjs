// Builds the embedded database's pre-initialised template (initdb + migrations, see
// src/infra/postgres/pglite-template.ts) ahead of the first start, if it is not cached yet. Run after the build.
import { findMigrationsFolder } from '../dist/infra/postgres/migrations-folder.js';
import { pgliteTemplate } from '../dist/infra/postgres/pglite-template.js';

const started = Date.now();
const template = await pgliteTemplate(findMigrationsFolder());
const what = template.built ? `built in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'already cached';
process.stdout.write(`Embedded database template ${what}: ${template.file ?? 'not saved (no writable cache folder)'}\n`);
