/** Domain objects -> JSON bodies. Dates become ISO 8601 UTC (`Z`); internal fields are dropped. */
import { publicCard, type AuthTokens, type Deck, type Page, type User } from '../../core/index.js';

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

/** The card as the core defines it for clients (also what the JSON export writes). */
export const renderCard = publicCard;

export const renderPage = <T, R>(page: Page<T>, render: (item: T) => R) => ({
  items: page.items.map(render),
  total: page.total,
  limit: page.limit,
  offset: page.offset,
});
