import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

/**
 * SQLite compiled to WebAssembly (no native build). Loaded on the first export or import, once per process:
 * the module costs ~40 ms and a few MB that a server which never exchanges decks should not pay.
 */
let loading: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({
    locateFile: (file: string) => createRequire(import.meta.url).resolve(`sql.js/dist/${file}`),
  }).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
