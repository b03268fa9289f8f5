/**
 * Event ids are "<milliseconds>-<sequence>", the form Redis stream ids have, so the in-process and the Redis
 * implementations order and parse them alike and a client never needs to know which one it talks to.
 */
const ID = /^(\d{1,15})-(\d{1,15})$/;

export const isEventId = (id: string | undefined | null): id is string => typeof id === 'string' && ID.test(id);

/** Negative, zero or positive as a is before, equal to or after b. */
export function compareEventIds(a: string, b: string): number {
  const [, am = '0', as = '0'] = ID.exec(a) ?? [];
  const [, bm = '0', bs = '0'] = ID.exec(b) ?? [];
  return Number(am) - Number(bm) || Number(as) - Number(bs);
}
