/**
 * Which database holds the data: PostgreSQL (embedded PGlite or DATABASE_URL) or DynamoDB (DB_BACKEND=dynamo)
 * and its four tables. schema.ts spreads dynamoVariables into its schema. Region and endpoint are the AWS
 * ones every client shares (aws.ts): AWS_ENDPOINT_URL points at DynamoDB Local in development.
 */
import { z } from 'zod';

// DynamoDB's own rule for table names.
export const tableNameRule = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name (3-255 letters, digits, "_", "-" or ".")');
const tableName = (fallback: string) => tableNameRule.default(fallback);

export const dynamoVariables = {
  DB_BACKEND: z.enum(['postgres', 'dynamo']).default('postgres'),
  // The four tables of the AWS data layer (Terraform creates them and passes their names to the functions).
  // The specification's DYNAMO_*_TABLE names win over these when both are set (spec-names.ts).
  USERS_TABLE: tableName('opendeck-users'),
  DECKS_TABLE: tableName('opendeck-decks'),
  FLASHCARDS_TABLE: tableName('opendeck-flashcards'),
  DOCUMENTS_TABLE: tableName('opendeck-documents'),
};

type DynamoEnv = z.output<z.ZodObject<typeof dynamoVariables>> & { AWS_REGION?: string; DATABASE_URL?: string; SECRET_KEY?: string };

export function checkDynamo(env: DynamoEnv, ctx: z.RefinementCtx): void {
  if (env.DB_BACKEND !== 'dynamo') return;
  const issue = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  if (!env.AWS_REGION) issue('AWS_REGION', 'is required with DB_BACKEND=dynamo (Lambda sets it by itself)');
  if (env.DATABASE_URL) issue('DATABASE_URL', 'is set but DB_BACKEND=dynamo keeps the data in DynamoDB: unset one of them');
  // A generated key lives in one instance's DATA_DIR; instances sharing DynamoDB must share the signing key.
  if (!env.SECRET_KEY) issue('SECRET_KEY', 'is required with DB_BACKEND=dynamo: every instance must sign tokens with the same key');
}
