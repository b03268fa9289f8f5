/** Reads a Server-Sent Events response frame by frame, as EventSource would, for tests. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comments: string[];
}

export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  /** Every frame read so far. */
  readonly frames: SseFrame[] = [];

  constructor(readonly response: Response) {
    this.reader = response.body!.getReader();
  }

  /** The next frame; null when the server ended the stream. Rejects after `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<SseFrame | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const frame = parseFrame(raw);
        this.frames.push(frame);
        return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE frame within ${timeoutMs} ms; buffered: ${JSON.stringify(this.buffer)}`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left)));
      const read = await Promise.race([this.reader.read(), timeout]);
      clearTimeout(timer);
      if (read === 'timeout') continue;
      if (read.done) return null;
      this.buffer += this.decoder.decode(read.value, { stream: true });
    }
  }

  /** Frames until one matches (that one included); throws when the stream ends first. */
  async until(match: (frame: SseFrame) => boolean, timeoutMs = 5_000): Promise<SseFrame[]> {
    const seen: SseFrame[] = [];
    for (;;) {
      const frame = await this.next(timeoutMs);
      if (!frame) throw new Error(`stream ended before the expected frame; saw ${JSON.stringify(seen)}`);
      seen.push(frame);
      if (match(frame)) return seen;
    }
  }

  /** Drops the connection, as a client that goes away does. */
  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

function parseFrame(raw: string): SseFrame {
  const frame: SseFrame = { comments: [] };
  for (const line of raw.split('\n')) {
    if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) frame.id = line.slice(4);
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: ')) frame.data = frame.data === undefined ? line.slice(6) : `${frame.data}\n${line.slice(6)}`;
    else if (line.startsWith('retry: ')) frame.retry = Number(line.slice(7));
  }
  return frame;
}

export const isEvent = (frame: SseFrame) => frame.event !== undefined;
