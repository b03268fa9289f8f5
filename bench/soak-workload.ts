/**
 * The soak's virtual users: each signs up once (from an address of its own, as real users would), owns a
 * deck, and then loops over a mix of reads, writes and sign-ins until told to stop, recording every latency.
 */
export type Kind = 'read' | 'write' | 'login';

export interface Recorder {
  record(kind: Kind, ms: number, ok: boolean, detail?: string): void;
}

const PASSWORD = 'a soak test passphrase';
// Reads dominate, as in a study app; sign-ins are few because argon2id is meant to cost CPU.
const MIX: [Kind, number][] = [
  ['read', 0.78],
  ['write', 0.2],
  ['login', 0.02],
];

export class VirtualUser {
  private token = '';
  private deckId = '';
  private readonly cards: string[] = [];
  private readonly email: string;
  private readonly ip: string;

  constructor(
    private readonly base: string,
    private readonly index: number,
    private readonly recorder: Recorder,
  ) {
    this.email = `soak-${process.pid}-${index}@example.com`;
    this.ip = `10.77.${Math.floor(index / 250)}.${(index % 250) + 1}`;
  }

  private async call(kind: Kind | null, method: string, path: string, body?: unknown): Promise<any> {
    const started = performance.now();
    let status = 0;
    let text = '';
    try {
      const res = await fetch(`${this.base}/api/v1${path}`, {
        method,
        headers: {
          'x-forwarded-for': this.ip,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      text = (error as Error).message;
    }
    const ok = status >= 200 && status < 300;
    if (kind)
      this.recorder.record(kind, performance.now() - started, ok, ok ? undefined : `${method} ${path} -> ${status} ${text.slice(0, 120)}`);
    else if (!ok) throw new Error(`${method} ${path}: ${status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  async setUp(): Promise<void> {
    const auth = await this.call(null, 'POST', '/auth/register', { email: this.email, name: `Soak ${this.index}`, password: PASSWORD });
    this.token = auth.access_token;
    this.deckId = (await this.call(null, 'POST', '/decks', { title: `Soak deck ${this.index}`, category: 'soak' })).id;
    for (let i = 0; i < 5; i++) await this.createCard(null);
  }

  private async createCard(kind: Kind | null): Promise<void> {
    const card = await this.call(kind, 'POST', `/decks/${this.deckId}/cards`, {
      question: `Question ${Math.random().toString(36).slice(2)}?`,
      answer: 'An answer long enough to look like one a student would write down.',
      source: 'soak.pdf - Page 1',
    });
    if (card?.id) this.cards.push(card.id);
  }

  private async read(): Promise<void> {
    const pick = Math.random();
    if (pick < 0.35) await this.call('read', 'GET', '/decks?limit=20');
    else if (pick < 0.6) await this.call('read', 'GET', `/decks/${this.deckId}`);
    else if (pick < 0.85) await this.call('read', 'GET', `/decks/${this.deckId}/cards?limit=50`);
    else await this.call('read', 'GET', '/auth/me');
  }

  /** Creates, edits and deletes, keeping the deck between 5 and 40 cards so the data set stays the same size. */
  private async write(): Promise<void> {
    const pick = Math.random();
    if (this.cards.length < 40 && pick < 0.45) await this.createCard('write');
    else if (pick < 0.7) await this.call('write', 'PUT', `/decks/${this.deckId}`, { title: `Soak deck ${this.index} ${Date.now()}` });
    else if (this.cards.length > 5) await this.call('write', 'DELETE', `/cards/${this.cards.shift()}`);
    else await this.createCard('write');
  }

  private async login(): Promise<void> {
    const auth = await this.call('login', 'POST', '/auth/login', { email: this.email, password: PASSWORD });
    if (auth?.access_token) this.token = auth.access_token;
  }

  async run(until: () => boolean): Promise<void> {
    while (!until()) {
      let roll = Math.random();
      const kind = MIX.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'read';
      if (kind === 'read') await this.read();
      else if (kind === 'write') await this.write();
      else await this.login();
    }
  }
}
