/**
 * The DynamoDB clients the repositories share. The document client marshals plain JS values (strings, numbers,
 * null, maps, Uint8Array) so items read like the domain objects; dates are stored as ISO 8601 strings, whose
 * text order is their time order, which is what sort keys need.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The four tables the issue names; every other item type lives in one of them (see tables.ts). */
export interface DynamoTables {
  users: string;
  decks: string;
  flashcards: string;
  documents: string;
}

export interface DynamoSettings {
  region: string;
  /** A local emulator (DynamoDB Local); undefined in AWS. */
  endpoint: string | undefined;
  tables: DynamoTables;
  /** Only for emulators: in AWS the SDK's default chain (the Lambda role) provides them. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface Dynamo {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tables: DynamoTables;
}

export function createDynamo(settings: DynamoSettings): Dynamo {
  const raw = new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Transactions that lose a race come back as TransactionCanceled and are retried by transact.ts;
    // throttling and 5xx are retried by the SDK with its adaptive backoff.
    retryMode: 'adaptive',
    maxAttempts: 5,
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { raw, doc, tables: settings.tables };
}
