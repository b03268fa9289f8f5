/**
 * .env.example is the operator's list of settings: it must name every variable the config module reads, and
 * nothing it does not (a stale name there is a setting that silently does nothing). Its values must also be
 * a configuration the module accepts, since people copy the file as it is.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../../src/config/index.js';
import { readText } from './support.js';

const lines = readText('.env.example').split('\n');
const assignments = lines.flatMap((line) => {
  const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
  return m ? [[m[1]!, m[2]!] as const] : [];
});
/** Commented examples such as `# DATABASE_URL=postgres://...`. */
const examples = lines.flatMap((line) => /^#\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);

describe('.env.example', () => {
  it('lists every variable the config module reads, once, and nothing else', () => {
    const names = assignments.map(([name]) => name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    expect([...CONFIG_VARIABLES].filter((name) => !names.includes(name))).toEqual([]);
    expect(names.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    expect(examples.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
  });

  it('says something about each variable', () => {
    for (const [name] of assignments) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      const above = lines.slice(0, at).reverse();
      const comment = above.findIndex((line) => line.startsWith('#'));
      // A comment directly above, or above a group of related variables that it explains together.
      expect(comment, name).toBeGreaterThanOrEqual(0);
      expect(
        above.slice(0, comment).every((line) => /^[A-Z][A-Z0-9_]*=/.test(line)),
        name,
      ).toBe(true);
    }
  });

  it('holds values the config module accepts as they are', () => {
    expect(() => loadConfig({}, Object.fromEntries(assignments))).not.toThrow();
  });
});
