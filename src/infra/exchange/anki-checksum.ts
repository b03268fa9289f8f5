import { createHash } from 'node:crypto';
import { stripHtmlKeepingMedia } from './anki-html.js';

/**
 * Anki's note checksum (notes.csum): the first field without HTML (media file names kept), SHA-1, the first
 * 8 hex digits read as an integer. Anki uses it to find duplicates of a first field quickly.
 */
export function fieldChecksum(firstFieldHtml: string): number {
  const digest = createHash('sha1').update(stripHtmlKeepingMedia(firstFieldHtml), 'utf8').digest();
  return digest.readUInt32BE(0);
}
