/** Decks and their cards. */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { Difficulty, SourceRef } from '../../core/index.js';
import { timestamptz } from './schema-columns.js';
import { users } from './schema-accounts.js';

export const decks = pgTable(
  'decks',
  {
    id: uuid('id').primaryKey(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category'),
    difficulty: text('difficulty').$type<Difficulty>(),
    card_count: integer('card_count').notNull().default(0),
    created_at: timestamptz('created_at').notNull(),
    updated_at: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('decks_card_count_not_negative', sql`${t.card_count} >= 0`),
    check('decks_difficulty_known', sql`${t.difficulty} in ('beginner', 'intermediate', 'advanced')`),
    // Target of the cards (deck_id, user_id) foreign key: a card can only live in a deck of its own user.
    unique('decks_id_user_id_unique').on(t.id, t.user_id),
    // One index per sort of the deck list; the id column makes the order total (stable pages).
    index('decks_user_created_idx').on(t.user_id, t.created_at, t.id),
    index('decks_user_updated_idx').on(t.user_id, t.updated_at, t.id),
    index('decks_user_title_idx').on(t.user_id, sql`lower(${t.title})`, t.id),
  ],
);

export const cards = pgTable(
  'cards',
  {
    id: uuid('id').primaryKey(),
    deck_id: uuid('deck_id').notNull(),
    user_id: uuid('user_id').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    source: text('source').notNull(),
    source_url: text('source_url'),
    source_ref: jsonb('source_ref').$type<SourceRef>(),
    created_at: timestamptz('created_at').notNull(),
    updated_at: timestamptz('updated_at').notNull(),
    /** Card.anki_guid (migration 0005). */
    anki_guid: text('anki_guid'),
    /** Card.quality_flags (migration 0008); null for none. */
    quality_flags: jsonb('quality_flags').$type<string[]>(),
  },
  (t) => [
    foreignKey({ name: 'cards_deck_owner_fk', columns: [t.deck_id, t.user_id], foreignColumns: [decks.id, decks.user_id] }).onDelete(
      'cascade',
    ),
    // Serves the card list and the cascade from decks. Cards need no user index: every card lookup is by
    // primary key or deck, and deleting a user reaches cards through the cascade of their decks.
    index('cards_deck_created_idx').on(t.deck_id, t.created_at, t.id),
  ],
);
