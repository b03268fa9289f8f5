/**
 * Live events across instances. Publishing (from any API instance or worker) runs one script: XADD to the user's
 * stream (the replay window, trimmed by length and expired as a key), and PUBLISH to the user's channel. Each
 * instance holds ONE subscriber connection and subscribes to a user's channel while that user has a connection
 * open on it, so an event travels only to the instances that need it. Stream entry ids are the event ids.
 */
import { Redis } from 'ioredis';
import type { LiveEvent, LiveEventInput, LiveEvents, LiveSubscription } from '../../core/index.js';
import { isEventId } from './event-ids.js';
import { DEFAULT_REPLAY_WINDOW, type ReplayWindow } from './in-process-live-events.js';
import { LocalHub } from './local-hub.js';

// KEYS[1] stream, KEYS[2] channel; ARGV[1] max length, ARGV[2] payload, ARGV[3] window in ms. Trimmed by count on
// every add and by age (MINID: entry ids start with their time) so replay never reaches past the window.
const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
local now = redis.call('TIME')
local oldest = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[3])
redis.call('XTRIM', KEYS[1], 'MINID', '~', string.format('%d', oldest))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', KEYS[2], id .. ' ' .. ARGV[2])
return id`;

export interface RedisLiveEventsOptions {
  url: string;
  prefix?: string;
  window?: ReplayWindow;
}

export class RedisLiveEvents implements LiveEvents {
  readonly hub = new LocalHub();
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly window: ReplayWindow;

  constructor(options: RedisLiveEventsOptions) {
    this.prefix = options.prefix ?? 'od:live';
    this.window = options.window ?? DEFAULT_REPLAY_WINDOW;
    // Bounded retries: a publish while Redis is down fails fast (and is swallowed: events are advisory).
    this.commands = new Redis(options.url, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true });
    this.subscriber = new Redis(options.url, { connectTimeout: 5_000, lazyConnect: true });
    // Without a listener an 'error' event would crash the process; ioredis reconnects (and resubscribes) itself.
    this.commands.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
  }

  // The user id is in braces: a Redis Cluster hash tag, so one user's stream and channel share a slot.
  private stream = (userId: string) => `${this.prefix}:{${userId}}:stream`;
  private channel = (userId: string) => `${this.prefix}:{${userId}}:events`;

  private onMessage(channel: string, message: string): void {
    const match = /:\{([^}]+)\}:events$/.exec(channel);
    const space = message.indexOf(' ');
    if (!match || space < 0) return;
    const parsed = parseEntry(message.slice(0, space), message.slice(space + 1));
    if (parsed) this.hub.deliver(match[1]!, parsed);
  }

  async publish(userId: string, input: LiveEventInput): Promise<void> {
    await this.commands.eval(
      PUBLISH_SCRIPT,
      2,
      this.stream(userId),
      this.channel(userId),
      String(this.window.maxPerUser),
      JSON.stringify({ type: input.type, data: input.data }),
      String(this.window.windowMs),
    );
  }

  /** The user's channel subscription on this instance, made once and shared by all their connections here. */
  private readonly channels = new Map<string, Promise<unknown>>();

  subscribe(userId: string, deliver: (event: LiveEvent) => void, after?: string): Promise<LiveSubscription> {
    return this.hub.subscribe(userId, deliver, {
      after,
      // Subscribed before the replay is read (the hub holds what arrives meanwhile), so nothing falls in between.
      ready: async () => {
        let subscribed = this.channels.get(userId);
        if (!subscribed) {
          subscribed = this.subscriber.subscribe(this.channel(userId));
          this.channels.set(userId, subscribed);
          subscribed.catch(() => this.channels.delete(userId));
        }
        // Redis down: a clear failure within seconds (the API answers 503), not a stream left hanging.
        await withTimeout(subscribed, SUBSCRIBE_TIMEOUT_MS);
      },
      replay: (from) => this.replay(userId, from),
      onEmpty: () => {
        this.channels.delete(userId);
        void this.subscriber.unsubscribe(this.channel(userId)).catch(() => undefined);
      },
    });
  }

  private async replay(userId: string, after: string): Promise<LiveEvent[]> {
    if (!isEventId(after)) return [];
    const entries = (await this.commands.xrange(this.stream(userId), `(${after}`, '+', 'COUNT', this.window.maxPerUser)) as [
      string,
      string[],
    ][];
    return entries.flatMap(([id, fields]) => {
      const event = parseEntry(id, fields[fields.indexOf('e') + 1] ?? '');
      return event ? [event] : [];
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.commands, this.subscriber].map((r) => r.quit().catch(() => r.disconnect())));
  }
}

const SUBSCRIBE_TIMEOUT_MS = 5_000;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function parseEntry(id: string, payload: string): LiveEvent | null {
  try {
    const { type, data } = JSON.parse(payload) as Omit<LiveEvent, 'id'>;
    return { id, type, data };
  } catch {
    return null;
  }
}
