import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's migrations/ folder, found by walking up from this module: it sits at the root both
 * when this file runs from src/ (tsx, vitest) and from dist/ (compiled), so no path is hard-coded.
 */
export function findMigrationsFolder(fromUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    const candidate = path.join(dir, 'migrations');
    if (existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `No migrations/meta/_journal.json found in any folder above ${fileURLToPath(fromUrl)}; ` +
          'the migrations/ folder must be shipped next to src/ or dist/.',
      );
    }
    dir = parent;
  }
}
