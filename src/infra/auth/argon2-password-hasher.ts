import { hash, verify, type Options } from '@node-rs/argon2';
import type { PasswordHasher } from '../../core/index.js';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first recommended setting:
 * 19 MiB of memory, 2 iterations, 1 lane. (@node-rs/argon2: the `argon2` package segfaults here.)
 */
// Algorithm.Argon2id is an ambient const enum (2), which isolatedModules cannot reference.
const ARGON2ID = 2 as Options['algorithm'];
export const OWASP_ARGON2ID: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export class Argon2PasswordHasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, OWASP_ARGON2ID);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A corrupt stored hash must read as "wrong password", not crash the login.
      return false;
    }
  }
}
