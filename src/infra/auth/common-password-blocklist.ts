import { createRequire } from 'node:module';
import type { PasswordBlocklist } from '../../core/index.js';

const require = createRequire(import.meta.url);

/** How many of the most used passwords to refuse (the list is ordered by frequency). */
const TOP_N = 20000;

/**
 * Refuses passwords from zxcvbn's frequency-ranked list of leaked passwords (about 49,000 entries,
 * the same data password-strength meters use). Matching ignores case: "Password1" is as guessable as "password1".
 *
 * The list is read and the set built on the first check, not in the constructor: that costs ~15 ms, which a
 * Lambda cold start would otherwise pay on every instance, though most instances never see a registration.
 */
export class CommonPasswordBlocklist implements PasswordBlocklist {
  private common: Set<string> | undefined;

  constructor(private readonly passwords: () => readonly string[] = loadRankedPasswords) {}

  isCommon(password: string): boolean {
    this.common ??= new Set(
      this.passwords()
        .slice(0, TOP_N)
        .map((p) => p.toLowerCase()),
    );
    return this.common.has(password.toLowerCase());
  }
}

function loadRankedPasswords(): string[] {
  const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
  const list = dictionary['passwords-common'];
  if (!Array.isArray(list)) throw new Error('@zxcvbn-ts/language-common no longer ships the passwords-common list');
  return list;
}
