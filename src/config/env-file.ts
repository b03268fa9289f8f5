/**
 * `.env` files, as the specification's development workflow uses them ("copy .env.example to .env"). The file is
 * loaded into the environment before the configuration is read, with Node's own parser (process.loadEnvFile:
 * KEY=value lines, # comments, quotes); a variable already set in the real environment wins over the file.
 */
import path from 'node:path';
import { ConfigError } from './errors.js';

/**
 * Loads `file` (`opendeck --env-file PATH`: it must exist), else `.env` in the working directory when there is
 * one. Returns the file loaded, or null when there was none.
 */
export function loadEnvFile(file?: string): string | null {
  const chosen = path.resolve(file ?? '.env');
  try {
    process.loadEnvFile(chosen);
    return chosen;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && file === undefined) return null;
    const flag = file === undefined ? '.env' : '--env-file';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'not a readable file';
    throw new ConfigError([`${flag}: ${chosen} could not be read (${reason})`]);
  }
}
