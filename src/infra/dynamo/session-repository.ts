/**
 * Sessions live under their user (so a session id with another user's id finds nothing) and refresh tokens
 * under their jti. Both carry `expires_ttl`, the table's TTL attribute: DynamoDB deletes them some time after
 * expiry (within days), so every read still checks expires_at itself.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isUuid, type SessionRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { epochSeconds, iso, norm, refreshKey, sessionKey } from './keys.js';
import { TransactionCancelled, isConditionFailed, retryConflicts, transact } from './transact.js';

/** Live: not revoked and not expired at :now. */
const LIVE_SESSION = 'attribute_exists(PK) AND attribute_not_exists(revoked_at) AND expires_at > :now';

export function createDynamoSessionRepository(dynamo: Dynamo): SessionRepository {
  const table = dynamo.tables.users;
  const getToken = async (jti: string) =>
    (await dynamo.doc.send(new GetCommand({ TableName: table, Key: refreshKey(jti), ConsistentRead: true }))).Item;

  return {
    async create(session) {
      const item = {
        ...sessionKey(session.user_id, session.id),
        id: norm(session.id),
        user_id: norm(session.user_id),
        created_at: iso(session.created_at),
        expires_at: iso(session.expires_at),
        ...(session.revoked_at ? { revoked_at: iso(session.revoked_at) } : {}),
        expires_ttl: epochSeconds(session.expires_at),
      };
      await dynamo.doc.send(new PutCommand({ TableName: table, Item: item }));
    },
    async isActive(sessionId, userId, now) {
      if (!isUuid(sessionId) || !isUuid(userId)) return false;
      const { Item } = await dynamo.doc.send(
        new GetCommand({ TableName: table, Key: sessionKey(userId, sessionId), ConsistentRead: true }),
      );
      return !!Item && Item.revoked_at === undefined && (Item.expires_at as string) > iso(now);
    },
    async revoke(sessionId, userId, now) {
      if (!isUuid(sessionId) || !isUuid(userId)) return;
      try {
        // Only the first revocation counts (it records when the sign-in ended); a missing session is no error.
        await retryConflicts(() =>
          dynamo.doc.send(
            new UpdateCommand({
              TableName: table,
              Key: sessionKey(userId, sessionId),
              UpdateExpression: 'SET revoked_at = :now',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revoked_at)',
              ExpressionAttributeValues: { ':now': iso(now) },
            }),
          ),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    },
    async addRefreshToken(token) {
      const item = {
        ...refreshKey(token.jti),
        jti: norm(token.jti),
        session_id: norm(token.session_id),
        user_id: norm(token.user_id),
        expires_at: iso(token.expires_at),
        expires_ttl: epochSeconds(token.expires_at),
      };
      await dynamo.doc.send(new PutCommand({ TableName: table, Item: item }));
    },
    async consumeRefreshToken(jti, now) {
      if (!isUuid(jti)) return { status: 'invalid' };
      const token = await getToken(jti);
      if (!token) return { status: 'invalid' };
      const owner = { session_id: token.session_id as string, user_id: token.user_id as string };
      try {
        // The conditional update on used_at is the whole decision (of two concurrent calls exactly one
        // commits); the condition check on the session makes a revoked or expired sign-in refuse it atomically.
        await transact(dynamo, [
          {
            Update: {
              TableName: table,
              Key: refreshKey(jti),
              UpdateExpression: 'SET used_at = :now',
              ConditionExpression: 'attribute_not_exists(used_at) AND expires_at > :now',
              ExpressionAttributeValues: { ':now': iso(now) },
            },
          },
          {
            ConditionCheck: {
              TableName: table,
              Key: sessionKey(owner.user_id, owner.session_id),
              ConditionExpression: LIVE_SESSION,
              ExpressionAttributeValues: { ':now': iso(now) },
            },
          },
        ]);
        return { status: 'ok', ...owner };
      } catch (error) {
        if (!(error instanceof TransactionCancelled)) throw error;
      }
      // Refused: a replayed token (theft: the caller revokes the session) or a dead one.
      const after = await getToken(jti);
      return after?.used_at !== undefined ? { status: 'reused', ...owner } : { status: 'invalid' };
    },
  };
}
