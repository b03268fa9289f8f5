/**
 * The README's Configuration table is the operator's one list: every variable the config module reads appears in
 * it exactly once, either as a variable or as the alias (the specification's name) of one, and nothing else does.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../../src/config/index.js';
import { readText } from './support.js';

const section = /\n## Configuration\n([\s\S]*?)\n## /.exec(readText('README.md'))?.[1] ?? '';
const rows = section.split('\n').filter((line) => line.startsWith('| `'));
const namesIn = (cell: string | undefined) => [...(cell ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!);

describe("README's Configuration table", () => {
  it('lists every variable once, with its alias beside it, and nothing else', () => {
    expect(rows.length).toBeGreaterThan(20);
    const cells = rows.map((row) => row.split('|').map((c) => c.trim()));
    const variables = cells.flatMap((c) => namesIn(c[1]));
    const aliases = cells.flatMap((c) => namesIn(c[2]));
    const listed = [...variables, ...aliases];
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
    expect(CONFIG_VARIABLES.filter((name) => !listed.includes(name))).toEqual([]);
    expect(listed.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    expect(aliases.sort()).toEqual(
      [
        'ANTHROPIC_API_KEY_ARN',
        'CELERY_BROKER_URL',
        'DYNAMO_CARDS_TABLE',
        'DYNAMO_DECKS_TABLE',
        'DYNAMO_DOCS_TABLE',
        'DYNAMO_USERS_TABLE',
        'OPENAI_API_KEY_ARN',
      ].sort(),
    );
  });
});
