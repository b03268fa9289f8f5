import { isStagedFile, type FileContent } from '../../core/index.js';

/** The whole content as one buffer, for the storages that need it whole (memory, S3 PutObject). */
export async function readAll(content: FileContent): Promise<Uint8Array> {
  if (!isStagedFile(content)) return content;
  const whole = new Uint8Array(content.size);
  let at = 0;
  for await (const chunk of content.chunks()) {
    whole.set(chunk.subarray(0, Math.max(0, whole.length - at)), at);
    at += chunk.byteLength;
  }
  if (at !== content.size) throw new Error(`staged file changed size: ${at} bytes read, ${content.size} expected`);
  return whole;
}
