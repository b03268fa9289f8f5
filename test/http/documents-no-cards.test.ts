/** A document that yields no card must end `failed` with a reason, not `completed` with an empty deck. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardGenerator } from '../../src/core/index.js';
import { OfflineCardGenerator } from '../../src/infra/llm/index.js';
import { buildDocumentTestApp, generatorRegistry, uploadOne } from './documents-support.js';
import { call, signUp, type SignedIn } from './support.js';

/** Proposes one card per call whose quote appears nowhere in the document. */
const inventing: CardGenerator = {
  provider: 'inventing',
  model: 'inventing-1',
  maxChunkChars: 12_000,
  async generate() {
    const card = { question: 'What is X?', answer: 'Y', page: null, section: null, quote: 'a sentence that is not in the notes at all' };
    return { cards: [card], usage: { inputTokens: 10, outputTokens: 5 } };
  },
};

const t = buildDocumentTestApp({ generators: generatorRegistry(new OfflineCardGenerator(), inventing) });
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(t.app);
});

async function generateFrom(text: string, provider?: string) {
  const bytes = new TextEncoder().encode(text);
  const [doc] = (
    await uploadOne(t.app, user.access, { name: 'notes.md', bytes }, { metadata: { title: 'Deck', ...(provider && { provider }) } })
  ).documents;
  await t.queue.drain();
  return (await call(t.app, 'GET', `/api/v1/documents/${doc.id}`, { token: user.access })).body;
}

describe('documents that yield no cards', () => {
  it('explain that there is too little to ask about', async () => {
    const doc = await generateFrom('# Course\n\n## Week 1\n\n## Week 2\n');
    expect(doc).toMatchObject({ status: 'failed', cards_generated: 0 });
    expect(doc.error_message).toMatch(/No flashcards could be made.*too little text/);
  });

  it('explain that every proposed card was dropped by the source check', async () => {
    const doc = await generateFrom('# Cells\n\nCells are the basic units of life, found in every living organism.\n', 'inventing');
    expect(doc).toMatchObject({ status: 'failed', cards_generated: 0 });
    expect(doc.error_message).toMatch(/the one proposed card quoted text that is not in the document/);
  });
});
