/**
 * Anki matches notes by GUID. A card's GUID is its UUID written in Anki's own base-91 alphabet (the one Anki
 * uses for the GUIDs it makes), always 20 characters, so it is stable across exports and turns back into the
 * card id on import without any lookup table.
 */
import { isUuid } from '../ids.js';
import { sha1 } from './sha1.js';

const BASE91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';
const GUID_LENGTH = 20; // 91^20 > 2^128, so every UUID fits
const MAX_UUID = (1n << 128n) - 1n;

export function guidForCard(cardId: string): string {
  let value = BigInt(`0x${cardId.replace(/-/g, '')}`);
  let out = '';
  while (value > 0n) {
    out = BASE91[Number(value % 91n)]! + out;
    value /= 91n;
  }
  return out.padStart(GUID_LENGTH, BASE91[0]);
}

/** The card id a GUID of ours stands for; null for GUIDs made elsewhere (Anki, other tools). */
export function cardIdFromGuid(guid: string): string | null {
  if (guid.length !== GUID_LENGTH) return null;
  let value = 0n;
  for (const ch of guid) {
    const digit = BASE91.indexOf(ch);
    if (digit < 0) return null;
    value = value * 91n + BigInt(digit);
  }
  if (value > MAX_UUID) return null;
  const hex = value.toString(16).padStart(32, '0');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return isUuid(id) ? id : null;
}

/**
 * The id of the card made from a note that is not one of this user's cards: the same user importing the same
 * GUID always gets the same id (a name-based UUID, version 5 layout), so a second import finds the card
 * instead of adding it twice. The user id is part of the name: two users importing one shared deck get
 * different cards.
 */
export function importedCardId(userId: string, guid: string): string {
  const digest = sha1(new TextEncoder().encode(`opendeck-import\u0000${userId.toLowerCase()}\u0000${guid}`));
  const b = digest.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A GUID for a row that has none (a plain CSV): from its question, so importing the same file twice matches. */
export function guidForQuestion(question: string): string {
  const digest = sha1(new TextEncoder().encode(question.trim().toLowerCase()));
  return `q:${[...digest.slice(0, 12)].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}
