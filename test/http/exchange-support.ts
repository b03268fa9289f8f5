import type { HttpApp } from '../../src/adapters/http/app.js';
import { createCard, createDeck, type CallResult } from './support.js';

export async function exportDeck(app: HttpApp, token: string, deckId: string, format: string) {
  const res = await app.request(`/api/v1/decks/${deckId}/export?format=${format}`, { headers: { Authorization: `Bearer ${token}` } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

export async function importFile(
  app: HttpApp,
  token: string,
  file: { name: string; bytes: Uint8Array | string },
  deckId?: string,
): Promise<CallResult> {
  const form = new FormData();
  form.append('file', new File([file.bytes], file.name));
  if (deckId) form.append('deck_id', deckId);
  const res = await app.request('/api/v1/decks/import', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined,
  };
}

/** A deck with cards that exercise every field: HTML-significant characters, line breaks, a full source_ref. */
export async function sampleDeck(app: HttpApp, token: string, extra = 0) {
  const deck = await createDeck(app, token, { title: 'Cell structure', category: 'Biology', description: 'Organelles' });
  const cards = [
    await createCard(app, token, deck.id, {
      question: 'What does <b>ATP</b> & ADP stand for?',
      answer: 'Adenosine "tri" and \'di\' phosphate\nsecond line',
      source: 'Biology101.pdf - Page 3, Section 1.2',
      source_url: 'https://example.com/bio?page=3&x=1',
      source_ref: { document_name: 'Biology 101.pdf', page: 3, section: '1.2 Energy', quote: 'ATP is the <energy> currency' },
    }),
    await createCard(app, token, deck.id, { question: 'Plain question', answer: 'Plain answer', source: 'Notes' }),
    await createCard(app, token, deck.id, { question: 'Ünïcödé — ≥ 🧬?', answer: 'Yes\ttabbed', source: 'Lecture 2' }),
  ];
  for (let i = 0; i < extra; i++) cards.push(await createCard(app, token, deck.id, { question: `Q${i}`, answer: `A${i}`, source: 'Bulk' }));
  return { deck, cards };
}
