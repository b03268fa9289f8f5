/** A small client for a running OpenDeck over real HTTP: sign-up, multipart upload, status polling, cards. */
import { randomBytes } from 'node:crypto';

export interface DocumentView {
  id: string;
  status: 'uploaded' | 'pending' | 'processing' | 'completed' | 'failed';
  progress: number;
  page_count: number | null;
  cards_generated: number;
  cards_rejected: number;
  deck_id: string | null;
  error_message: string | null;
  filename: string;
  input_tokens: number;
  output_tokens: number;
  estimated_cost_usd: number | null;
  language: string | null;
}

export interface CardView {
  id: string;
  deck_id: string;
  question: string;
  answer: string;
  source: string;
  source_ref: { document_id: string; document_name: string; page: number | null; section: string | null; quote: string };
}

/** An RFC 9457 problem body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

export interface Response<T = any> {
  status: number;
  body: T;
}

export interface StatusTrace {
  /** Every status answer seen, in order. */
  seen: { status: DocumentView['status']; progress: number }[];
  final: DocumentView;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Registers a fresh user and signs in. */
  static async signUp(baseUrl: string): Promise<ApiClient> {
    const email = `e2e-${randomBytes(5).toString('hex')}@example.com`;
    const password = 'a long e2e password, not a common one';
    const post = (route: string, body: unknown) =>
      fetch(`${baseUrl}/api/v1${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const registered = await post('/auth/register', { email, name: 'E2E', password });
    if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
    const login = await post('/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    return new ApiClient(baseUrl, ((await login.json()) as { access_token: string }).access_token);
  }

  /** The same signed-in user against another process (e.g. the server restarted on a new port). */
  at(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, this.token);
  }

  async request<T = any>(method: string, route: string, body?: RequestInit['body']): Promise<Response<T>> {
    const res = await fetch(`${this.baseUrl}/api/v1${route}`, { method, headers: { authorization: `Bearer ${this.token}` }, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** One file as `file`, with deck `metadata` (so generation starts at once) when given. */
  upload(name: string, bytes: Uint8Array, metadata?: Record<string, unknown>, type = 'application/octet-stream') {
    const form = new FormData();
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
    if (metadata) form.append('metadata', JSON.stringify(metadata));
    return this.request<{ documents: DocumentView[]; document_ids: string[]; deck_id: string | null } & Partial<Problem>>(
      'POST',
      '/documents/upload',
      form,
    );
  }

  /** Uploads with metadata and returns the document id and deck id; throws unless 201. */
  async uploadForCards(name: string, bytes: Uint8Array, title = name): Promise<{ documentId: string; deckId: string }> {
    const res = await this.upload(name, bytes, {
      title,
      description: 'made by the e2e tests',
      category: 'Biology',
      difficulty: 'intermediate',
    });
    if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return { documentId: res.body.document_ids[0]!, deckId: res.body.deck_id! };
  }

  async document(id: string): Promise<DocumentView> {
    return (await this.request<DocumentView>('GET', `/documents/${id}`)).body;
  }

  async status(id: string): Promise<Pick<DocumentView, 'id' | 'status' | 'progress' | 'cards_generated' | 'cards_rejected'>> {
    const res = await this.request('GET', `/documents/${id}/status`);
    if (res.status !== 200) throw new Error(`status ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Polls the status route until `done` says so; every answer is recorded. */
  async pollStatus(
    id: string,
    done: (s: { status: string; progress: number }) => boolean,
    timeoutMs: number,
    everyMs = 40,
  ): Promise<StatusTrace> {
    const seen: StatusTrace['seen'] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.status(id);
      seen.push({ status: s.status, progress: s.progress });
      if (done(s)) return { seen, final: await this.document(id) };
      if (Date.now() > deadline) {
        throw new Error(
          `document ${id} still ${s.status} at ${s.progress}% after ${timeoutMs} ms; seen: ${JSON.stringify(seen.slice(-5))}`,
        );
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }

  waitUntilFinished(id: string, timeoutMs = 60_000) {
    return this.pollStatus(id, (s) => s.status === 'completed' || s.status === 'failed', timeoutMs, 100);
  }

  async deck(id: string): Promise<{ id: string; title: string; card_count: number }> {
    return (await this.request('GET', `/decks/${id}`)).body;
  }

  /** Every card of a deck (pages through the list). */
  async cards(deckId: string): Promise<CardView[]> {
    const all: CardView[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.request<{ items: CardView[]; total: number }>('GET', `/decks/${deckId}/cards?limit=100&offset=${offset}`);
      if (page.status !== 200) throw new Error(`cards of ${deckId}: ${page.status} ${JSON.stringify(page.body)}`);
      all.push(...page.body.items);
      if (all.length >= page.body.total || page.body.items.length === 0) return all;
    }
  }
}
