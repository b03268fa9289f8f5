/**
 * Notification ids are UUID version 7 (RFC 9562): the first 48 bits are the creation time in milliseconds, so
 * ordering by id is ordering by time on every backend, and DynamoDB can key a user's notifications by id alone
 * and still list them newest first. The random part comes from the id port's fresh UUID.
 */
export function timeOrderedId(now: Date, randomUuid: string): string {
  const hex = randomUuid.replace(/-/g, '').toLowerCase();
  const millis = Math.max(0, Math.min(now.getTime(), 0xffffffffffff)).toString(16).padStart(12, '0');
  // Version nibble 7; the variant bits (10xx) of a version 4 UUID are already right.
  const v7 = `${millis}7${hex.slice(13)}`;
  return `${v7.slice(0, 8)}-${v7.slice(8, 12)}-${v7.slice(12, 16)}-${v7.slice(16, 20)}-${v7.slice(20, 32)}`;
}
