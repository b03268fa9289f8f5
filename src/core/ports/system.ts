/** Ports for the machine: time, ids, hashing of bytes, and health probes. */

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new UUID. */
  next(): string;
}

export interface Digest {
  /** Lower-case hex SHA-256 of the bytes (identifies an uploaded file for the generation cache). */
  sha256(bytes: Uint8Array): string;
}

/** A database or other dependency that /ready probes. */
export interface HealthProbe {
  check(): Promise<void>;
}
