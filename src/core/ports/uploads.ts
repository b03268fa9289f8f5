/**
 * File content that is not held in memory. The HTTP adapter spools each uploaded file to a temporary file
 * while it arrives (counting its size and hashing it on the way), so a 200 MB upload costs disk, not RAM;
 * detection reads only the few ranges it needs, and storage copies the content in chunks.
 */
export interface StagedFile {
  readonly size: number;
  /** Hex SHA-256 of the whole content, computed while it was received. */
  readonly sha256: string;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The whole content, in order, in chunks of a few dozen KB. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** What storage and detection accept: bytes in memory (small files, files already stored) or a staged file. */
export type FileContent = Uint8Array | StagedFile;

export const isStagedFile = (content: FileContent): content is StagedFile => !(content instanceof Uint8Array);

export const contentSize = (content: FileContent): number => (isStagedFile(content) ? content.size : content.byteLength);
