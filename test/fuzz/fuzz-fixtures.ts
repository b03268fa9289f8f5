/** Two users with a deck, a card and a document each: the ids the fuzz uses as "yours" and "someone else's". */
import type { Fixtures } from './fuzz-requests.js';

const PASSWORD = 'fuzzing passphrase that is long';

async function post(base: string, route: string, body: unknown, token?: string, ip = '10.250.0.1'): Promise<any> {
  const res = await fetch(`${base}/api/v1${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`fixture ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function uploadNotes(base: string, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new File(['# Notes\n\nMitochondria produce ATP, the energy currency of the cell.\n'], 'notes.md'));
  const res = await fetch(`${base}/api/v1/documents/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 201) throw new Error(`fixture upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { document_ids: string[] }).document_ids[0]!;
}

async function user(base: string, name: string) {
  const email = `${name}-${process.pid}@example.com`;
  const auth = await post(base, '/auth/register', { email, name, password: PASSWORD }, undefined, `10.250.1.${name.length}`);
  const token = auth.access_token as string;
  const deck = await post(base, '/decks', { title: `${name}'s deck` }, token);
  const card = await post(
    base,
    `/decks/${deck.id}/cards`,
    { question: 'What is ATP?', answer: 'Energy currency.', source: 'notes.md - Page 1' },
    token,
  );
  return { email, token, deck: deck.id as string, card: card.id as string, document: await uploadNotes(base, token) };
}

export async function createFixtures(base: string, metricsToken: string): Promise<Fixtures> {
  const own = await user(base, 'own');
  const other = await user(base, 'other');
  // A sign-in of its own for the refresh fuzz: presenting a used refresh token again revokes its whole
  // session (theft detection), which must not take the main token down with it.
  const spare = await post(base, '/auth/login', { email: own.email, password: PASSWORD }, undefined, '10.250.2.1');
  return {
    tokens: { own: own.token, other: other.token },
    refresh: spare.refresh_token as string,
    login: { email: own.email, password: PASSWORD },
    ids: {
      deck_id: { own: own.deck, other: other.deck },
      card_id: { own: own.card, other: other.card },
      document_id: { own: own.document, other: other.document },
    },
    metricsToken,
  };
}
