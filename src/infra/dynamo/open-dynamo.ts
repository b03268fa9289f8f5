/**
 * Opens the DynamoDB data layer with the same shape as openDatabase (repositories, probe, migrate, close), so
 * the composition root can pick either from DB_BACKEND alone.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { HealthProbe } from '../../core/index.js';
import { createDynamo, type DynamoSettings } from './client.js';
import { createDynamoRepositories, type DynamoRepositories } from './repositories.js';
import { OLD_LAYOUT_HINT, ensureTables } from './tables.js';

export interface OpenedDynamo {
  kind: 'dynamo';
  repositories: DynamoRepositories;
  /** Reads one (absent) item of each table: proves the endpoint, the credentials and every table. */
  probe: HealthProbe;
  /**
   * Against an emulator (an endpoint is set): creates the missing tables. In AWS: nothing, because Terraform
   * owns the tables, and creating them at every cold start would need far wider IAM rights.
   */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export function openDynamo(settings: DynamoSettings): OpenedDynamo {
  const dynamo = createDynamo(settings);
  let closed = false;
  return {
    kind: 'dynamo',
    repositories: createDynamoRepositories(dynamo),
    probe: {
      async check() {
        await Promise.all(
          Object.values(settings.tables).map(async (table) => {
            try {
              await dynamo.doc.send(new GetCommand({ TableName: table, Key: { PK: 'PROBE', SK: 'PROBE' } }));
            } catch (error) {
              // A table of the layout before PK/SK (lower-case pk/sk) refuses these keys as not matching its schema.
              const hint = (error as Error).name === 'ValidationException' ? ` ${OLD_LAYOUT_HINT}` : '';
              throw new Error(`The dynamo database is unavailable: table ${table}: ${(error as Error).message}${hint}`, { cause: error });
            }
          }),
        );
      },
    },
    migrate: async () => {
      if (settings.endpoint) await ensureTables(dynamo);
    },
    close: async () => {
      // Idempotent like openDatabase's: shutdown paths may call it more than once.
      if (!closed) dynamo.raw.destroy();
      closed = true;
    },
  };
}
