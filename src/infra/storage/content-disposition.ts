/**
 * `attachment` with both forms of the name (RFC 6266), for S3 to send on a presigned download. The same
 * rules as the API's own download header (src/adapters/http/documents.render.ts), repeated here because
 * infrastructure may not import adapters: `filename*` carries the name exactly, and the quoted ASCII
 * fallback turns quotes, backslashes, control and non-ASCII characters into "_".
 */
export function contentDispositionAttachment(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
