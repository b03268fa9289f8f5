/** The flashcards table's study indexes (see study-items.ts); infra/terraform/dynamodb.tf must match. */
const index = (IndexName: string, hash: string, range: string) => ({
  IndexName,
  KeySchema: [
    { AttributeName: hash, KeyType: 'HASH' as const },
    { AttributeName: range, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

export const STUDY_INDEX_ATTRIBUTES = ['due_scope', 'user_scope', 'due_key', 'log_deck', 'log_user', 'log_key'];

export const STUDY_INDEXES = [
  index('by_due', 'due_scope', 'due_key'),
  index('by_user_due', 'user_scope', 'due_key'),
  index('log_by_deck', 'log_deck', 'log_key'),
  index('log_by_user', 'log_user', 'log_key'),
];
