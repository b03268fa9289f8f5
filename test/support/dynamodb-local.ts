/**
 * DynamoDB Local for tests (scripts/dynamodb-local.ts starts it): each test file starts its own in-memory
 * instance on a free port and stops it by pid. Without Java or the npm registry the suite is skipped with one
 * loud line, unless REQUIRE_SERVICES=1 (CI) makes that a failure.
 */
import { launchDynamoDbLocal, type DynamoDbLocal } from '../../scripts/dynamodb-local.js';
import { requireOrSkip } from './postgres.js';

export type { DynamoDbLocal };

/** A running emulator, or null after one `SKIPPED: DynamoDB Local unavailable: <why>` line (fails with REQUIRE_SERVICES=1). */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal | null> {
  try {
    return await launchDynamoDbLocal();
  } catch (error) {
    requireOrSkip(`DynamoDB Local unavailable: ${(error as Error).message}`);
    return null;
  }
}
