/** Domain objects -> JSON bodies. Dates become ISO 8601 UTC (`Z`); internal fields are dropped. */
import type { AuthTokens, Card, Deck, Page, User } from '../../core/index.js';

const iso = (d: Date) => d.toISOString();

export const renderUser = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  created_at: iso(u.created_at),
  updated_at: iso(u.updated_at),
});

export const renderTokens = (t: AuthTokens) => ({
  access_token: t.access_token,
  refresh_token: t.refresh_token,
  token_type: t.token_type,
  expires_in: t.expires_in,
  user: renderUser(t.user),
});

export const renderDeck = (d: Deck) => ({
  id: d.id,
  user_id: d.user_id,
  title: d.title,
  description: d.description,
  category: d.category,
  difficulty: d.difficulty,
  card_count: d.card_count,
  created_at: iso(d.created_at),
  updated_at: iso(d.updated_at),
});

/** Cards omit user_id: ownership is the deck's business, not the client's. */
export const renderCard = (c: Card) => ({
  id: c.id,
  deck_id: c.deck_id,
  question: c.question,
  answer: c.answer,
  source: c.source,
  source_url: c.source_url,
  source_ref: c.source_ref,
  created_at: iso(c.created_at),
  updated_at: iso(c.updated_at),
});

export const renderPage = <T, R>(page: Page<T>, render: (item: T) => R) => ({
  items: page.items.map(render),
  total: page.total,
  limit: page.limit,
  offset: page.offset,
});
