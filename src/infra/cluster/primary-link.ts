/**
 * Requests from a cluster worker to the primary process over Node's IPC channel, and the primary's broadcasts
 * back. Without Redis, the primary holds what all workers must share (event-stream tickets, the replay window
 * of live events); see primary-services.ts for its side.
 */
import type { Serializable } from 'node:child_process';

/** Every message of ours carries this field, so other IPC users (rate-limiter-flexible's cluster) are left alone. */
export const IPC_TAG = 'opendeck';

export type IpcMessage =
  | { tag: typeof IPC_TAG; op: 'request'; id: number; kind: string; payload: unknown }
  | { tag: typeof IPC_TAG; op: 'response'; id: number; value?: unknown; error?: string }
  | { tag: typeof IPC_TAG; op: 'broadcast'; kind: string; payload: unknown };

export const isIpcMessage = (message: unknown): message is IpcMessage =>
  typeof message === 'object' && message !== null && (message as { tag?: unknown }).tag === IPC_TAG;

/** An answer the primary does not give within this is an error (it is busy or gone). */
const REQUEST_TIMEOUT_MS = 5_000;

export class PrimaryLink {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly listeners = new Map<string, (payload: unknown) => void>();

  constructor(private readonly proc: NodeJS.Process = process) {
    if (!proc.send) throw new Error('PrimaryLink needs an IPC channel: run it in a cluster worker.');
    proc.on('message', (message: unknown) => {
      if (!isIpcMessage(message)) return;
      if (message.op === 'response') {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.value);
      } else if (message.op === 'broadcast') {
        this.listeners.get(message.kind)?.(message.payload);
      }
    });
  }

  request<T>(kind: string, payload: unknown): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`The primary process did not answer ${kind} within ${REQUEST_TIMEOUT_MS} ms.`));
      }, REQUEST_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      const message: IpcMessage = { tag: IPC_TAG, op: 'request', id, kind, payload };
      this.proc.send!(message as Serializable);
    });
  }

  /** One handler per kind: the primary's broadcasts of that kind. */
  onBroadcast(kind: string, handler: (payload: unknown) => void): void {
    this.listeners.set(kind, handler);
  }
}
