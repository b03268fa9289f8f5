/**
 * The names the OpenDeck Backend Architecture document (the specification) gives some settings, read beside
 * OpenDeck's own so that a deployment configured as the document says works as it is:
 *
 *   DYNAMO_USERS_TABLE  USERS_TABLE        DYNAMO_DECKS_TABLE  DECKS_TABLE
 *   DYNAMO_CARDS_TABLE  FLASHCARDS_TABLE   DYNAMO_DOCS_TABLE   DOCUMENTS_TABLE
 *   CELERY_BROKER_URL   REDIS_URL (for the job queue only: rate limits and live events keep REDIS_URL)
 *   OPENAI_API_KEY_ARN, ANTHROPIC_API_KEY_ARN: a Secrets Manager secret holding OPENAI_API_KEY, ANTHROPIC_API_KEY
 *
 * When both names of a pair are set to different values, the document's name wins (an operator who set it
 * followed the document on purpose) and `notes` says so in the start-up log. An API key set outright wins over
 * the ARN of a secret holding it, as everywhere a variable in the environment wins over a secret store; the
 * secret is then not read. ENV=local and LOG_LEVEL=INFO/WARNING/CRITICAL are spellings, handled in values.ts.
 */
import { z } from 'zod';
import { tableNameRule } from './dynamo.js';
import { redisUrl } from './values.js';

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalTable = z.preprocess(emptyAsUndefined, tableNameRule.optional());
const secretId = z.preprocess(emptyAsUndefined, z.string().max(2048).optional());

export const specNameVariables = {
  DYNAMO_USERS_TABLE: optionalTable,
  DYNAMO_DECKS_TABLE: optionalTable,
  DYNAMO_CARDS_TABLE: optionalTable,
  DYNAMO_DOCS_TABLE: optionalTable,
  CELERY_BROKER_URL: redisUrl,
  OPENAI_API_KEY_ARN: secretId,
  ANTHROPIC_API_KEY_ARN: secretId,
};

/** Pairs of names for one setting: the specification's wins; `scope` narrows what it wins for. */
const WINNING_PAIRS: readonly { spec: string; own: string; scope?: string }[] = [
  { spec: 'DYNAMO_USERS_TABLE', own: 'USERS_TABLE' },
  { spec: 'DYNAMO_DECKS_TABLE', own: 'DECKS_TABLE' },
  { spec: 'DYNAMO_CARDS_TABLE', own: 'FLASHCARDS_TABLE' },
  { spec: 'DYNAMO_DOCS_TABLE', own: 'DOCUMENTS_TABLE' },
  { spec: 'CELERY_BROKER_URL', own: 'REDIS_URL', scope: ' for the job queue; rate limits and live events use REDIS_URL' },
];

/** Secrets Manager secrets that hold one API key each, read at start by src/wiring/api-key-secrets.ts. */
export const API_KEY_SECRETS = [
  { arn: 'OPENAI_API_KEY_ARN', key: 'OPENAI_API_KEY' },
  { arn: 'ANTHROPIC_API_KEY_ARN', key: 'ANTHROPIC_API_KEY' },
] as const;

type Env = Record<string, string | undefined>;
/** The variable's value when set to something other than blanks. */
const setValue = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

/** Which name of each pair set twice is used: for the start-up log (names only, never values). */
export function nameNotes(env: Env): string[] {
  const notes: string[] = [];
  for (const { spec, own, scope = '' } of WINNING_PAIRS) {
    const a = setValue(env, spec);
    const b = setValue(env, own);
    if (a && b && a !== b) notes.push(`${spec} and ${own} are both set and differ: ${spec} is used${scope}`);
  }
  for (const { arn, key } of API_KEY_SECRETS) {
    if (setValue(env, arn) && setValue(env, key)) notes.push(`${key} and ${arn} are both set: ${key} is used and the secret is not read`);
  }
  return notes;
}
