import type { Redis } from 'ioredis';

/**
 * Stands in for the real handler's side effect in queue tests. processDocument stores a document's cards in
 * one transaction that writes nothing if the document is already completed; here the same "complete once"
 * guard is one Lua script: the first caller sets done:<doc> and adds the cards, later callers change nothing.
 */
const COMPLETE_ONCE = `
if redis.call('HSETNX', KEYS[1], 'done:' .. ARGV[1], '1') == 1 then
  redis.call('HINCRBY', KEYS[1], 'cards:' .. ARGV[1], tonumber(ARGV[2]))
  return 1
end
return 0`;

export const CARDS_PER_DOCUMENT = 3;

export async function completeOnce(redis: Redis, recordKey: string, documentId: string): Promise<boolean> {
  return (await redis.eval(COMPLETE_ONCE, 1, recordKey, documentId, CARDS_PER_DOCUMENT)) === 1;
}

export async function countRun(redis: Redis, recordKey: string, documentId: string): Promise<void> {
  await redis.hincrby(recordKey, `runs:${documentId}`, 1);
}

export async function readRecord(redis: Redis, recordKey: string, documentId: string) {
  const [runs, cards, effect] = await redis.hmget(recordKey, `runs:${documentId}`, `cards:${documentId}`, `effect:${documentId}`);
  return { runs: Number(runs ?? 0), cards: Number(cards ?? 0), effectDone: effect === '1' };
}
