/**
 * The data layer chosen by the configuration: PostgreSQL (PGlite or a server) or DynamoDB. Both give the same
 * shape, so nothing past this file knows which one runs. Each backend is imported only when chosen: the
 * DynamoDB Lambda never loads PGlite or pg, and the embedded default never loads the AWS SDK.
 */
import type { DatabaseConfig } from '../config/index.js';
import type { HealthProbe, Repositories } from '../core/index.js';
import type { RevocationFeed } from '../infra/sessions/revocation-feed.js';

export interface OpenedStore {
  kind: DatabaseConfig['backend'];
  repositories: Repositories;
  /**
   * Revocations of sign-in sessions relayed to every instance on this store, so each may cache session
   * validity; absent where none reaches other instances (DynamoDB), which then caches only briefly.
   */
  revocations?: RevocationFeed;
  /** What /ready checks. */
  probe: HealthProbe;
  /** PostgreSQL: applies pending migrations. DynamoDB: creates missing tables against an emulator, else nothing. */
  migrate(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

/** The `db.system` name of the backend, for database spans. */
export const databaseSystem = (kind: OpenedStore['kind']): string =>
  ({ pglite: 'pglite', postgres: 'postgresql', dynamo: 'dynamodb' })[kind];

export async function openStore(database: DatabaseConfig): Promise<OpenedStore> {
  if (database.backend === 'dynamo') {
    const { openDynamo } = await import('../infra/dynamo/open-dynamo.js');
    // Credentials come from the SDK's default chain (the Lambda role; any key pair for DynamoDB Local).
    return openDynamo({ region: database.region, endpoint: database.endpointUrl, tables: database.tables });
  }
  const { openDatabase } = await import('../infra/postgres/open-database.js');
  return openDatabase(database);
}

/** Describes where the data is, for the migrate command's closing line. */
export function describeStore(database: DatabaseConfig): string {
  switch (database.backend) {
    case 'dynamo':
      return `dynamo: ${Object.values(database.tables).join(', ')}${database.endpointUrl ? ` at ${database.endpointUrl}` : ''}`;
    case 'postgres':
      return 'postgres';
    case 'pglite':
      return `pglite in ${database.dataDir}`;
  }
}
