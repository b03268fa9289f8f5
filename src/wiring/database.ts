/**
 * The data layer chosen by DB_BACKEND: PostgreSQL (PGlite or a server) or DynamoDB. Both give the same shape,
 * so nothing past this file knows which one runs. Each backend is imported only when chosen: the DynamoDB
 * Lambda never loads PGlite or pg, and the embedded default never loads the AWS SDK.
 */
import type { Config } from '../config.js';
import type { DocumentPorts, HealthProbe, Repositories } from '../core/index.js';

export interface OpenedStore {
  kind: 'pglite' | 'postgres' | 'dynamo';
  repositories: Repositories & Pick<DocumentPorts, 'documents' | 'cache'>;
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

export async function openStore(config: Config): Promise<OpenedStore> {
  if (config.data.backend === 'dynamo') {
    // config-dynamo.ts requires AWS_REGION with DB_BACKEND=dynamo.
    if (!config.aws.region) throw new Error('AWS_REGION is required with DB_BACKEND=dynamo');
    const { openDynamo } = await import('../infra/dynamo/open-dynamo.js');
    // Credentials come from the SDK's default chain (the Lambda role; any key pair for DynamoDB Local).
    return openDynamo({ region: config.aws.region, endpoint: config.aws.endpointUrl, tables: config.data.tables });
  }
  const { openDatabase } = await import('../infra/postgres/open-database.js');
  return openDatabase(config);
}

/** Describes where the data is, for the migrate command's closing line. */
export function describeStore(config: Config, kind: OpenedStore['kind']): string {
  if (kind === 'dynamo')
    return `dynamo: ${Object.values(config.data.tables).join(', ')}${config.aws.endpointUrl ? ` at ${config.aws.endpointUrl}` : ''}`;
  return config.databaseUrl ? kind : `${kind} in ${config.dataDir}`;
}
