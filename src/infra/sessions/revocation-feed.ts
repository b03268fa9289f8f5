/**
 * How instances tell each other that a sign-in session ended (logout, refresh-token reuse), so each can drop
 * what it cached about that session. The session validity cache answers only while its feed is `live`: when
 * messages may have been missed (a dropped connection), the feed calls `reset` and the cache starts empty.
 */
export interface RevocationListener {
  revoked(sessionId: string): void;
  /** Messages may have been lost: forget everything. */
  reset(): void;
}

export interface RevocationFeed {
  /** True while revocations published anywhere reach this instance. */
  readonly live: boolean;
  /** Announces a revocation to every instance, this one included. Called after the revocation is stored. */
  publish(sessionId: string): Promise<void>;
  listen(listener: RevocationListener): void;
  close(): Promise<void>;
}

/** One process is the only instance (the embedded mode holds a lock on its data directory): nothing to relay. */
export function processRevocationFeed(): RevocationFeed {
  const listeners: RevocationListener[] = [];
  return {
    live: true,
    async publish(sessionId) {
      for (const listener of listeners) listener.revoked(sessionId);
    },
    listen: (listener) => void listeners.push(listener),
    close: async () => {},
  };
}
