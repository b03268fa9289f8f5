/**
 * Detection of a staged upload (read in ranges, never whole) must give the verdict detection gives on the
 * same bytes in memory: same format, or the same refusal. Files here are above the size read whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StagedFile } from '../../../src/core/index.js';
import { DocumentFormatDetector } from '../../../src/infra/extract/index.js';
import { buildPptx, manyEntriesDocx, minimalDocx, pngImage, writeZip } from '../../fixtures/index.js';

/** A StagedFile over bytes that counts how much of them was read. */
function staged(bytes: Uint8Array): StagedFile & { readBytes: number } {
  const file = {
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    readBytes: 0,
    async read(offset: number, length: number) {
      const part = bytes.subarray(offset, Math.min(bytes.byteLength, offset + length));
      file.readBytes += part.byteLength;
      return part;
    },
    async *chunks() {
      for (let at = 0; at < bytes.byteLength; at += 65536) yield bytes.subarray(at, at + 65536);
    },
  };
  return file;
}

const KB = 1024;
const text = (size: number) =>
  new TextEncoder().encode('Cells divide by mitosis and by meiosis.\n'.repeat(Math.ceil(size / 40)).slice(0, size));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
const padding = (size: number) => ({ name: 'word/media/padding.bin', data: randomBytes(size), method: 'store' as const });
const BODY = '<w:p><w:r><w:t>Notes.</w:t></w:r></w:p>';

const cases: [string, string, () => Uint8Array][] = [
  ['a large DOCX', 'notes.docx', () => minimalDocx(BODY, [padding(400 * KB)])],
  [
    'a large DOCX with a zip bomb entry',
    'bomb.docx',
    () => minimalDocx(BODY, [padding(300 * KB), { name: 'word/media/zeros.bin', data: new Uint8Array(64 * 1024 * KB) }]),
  ],
  ['a DOCX with 5000 entries', 'many.docx', () => manyEntriesDocx(5000)],
  ['a large plain ZIP named .docx', 'archive.docx', () => writeZip([padding(400 * KB)])],
  ['large UTF-8 text', 'notes.txt', () => text(700 * KB)],
  ['large text with a NUL byte near the end', 'notes.txt', () => concat(text(700 * KB), new Uint8Array([0]), text(10))],
  ['large text with control bytes past the head', 'notes.md', () => concat(text(100 * KB), new Uint8Array(600 * KB).fill(1))],
  [
    'large UTF-16 text with a BOM',
    'notes.txt',
    () => concat(new Uint8Array([0xff, 0xfe]), Buffer.from('Mitosis and meiosis.\n'.repeat(20_000), 'utf16le')),
  ],
  ['Windows-1252 text', 'notes.txt', () => concat(text(300 * KB), new Uint8Array([0xe9, 0x0a]))],
  ['a large PDF', 'cells.pdf', () => concat(new TextEncoder().encode('%PDF-1.7\n'), text(400 * KB))],
  ['a large PNG named .pdf', 'scan.pdf', () => concat(pngImage(), randomBytes(400 * KB))],
  ['large text named .pdf', 'notes.pdf', () => text(400 * KB)],
  ['a large PPTX', 'slides.pptx', () => buildPptx([{ title: 'Cells' }], { extra: [padding(400 * KB)] })],
  [
    'a PPTX zip bomb',
    'bomb.pptx',
    () =>
      buildPptx([{ title: 'Cells' }], {
        extra: [padding(300 * KB), { name: 'ppt/media/zeros.bin', data: new Uint8Array(64 * 1024 * KB) }],
      }),
  ],
  ['a large DOCX named .pptx', 'slides.pptx', () => minimalDocx(BODY, [padding(300 * KB)])],
  ['a large PNG', 'page.png', () => concat(pngImage(), randomBytes(400 * KB))],
];

const verdict = async (run: () => unknown) => {
  try {
    return { format: await run() };
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
};

describe('format detection of a staged file', () => {
  const detector = new DocumentFormatDetector();
  it.each(cases)('%s: the same verdict as on the bytes in memory', async (_name, filename, build) => {
    const bytes = build();
    expect(bytes.byteLength).toBeGreaterThan(256 * KB);
    const inMemory = await verdict(() => detector.detect(bytes, filename));
    expect(await verdict(() => detector.detect(staged(bytes), filename))).toEqual(inMemory);
  });

  it('reads only the head and the directory of a large DOCX, not the whole file', async () => {
    const file = staged(minimalDocx(BODY, [padding(4 * 1024 * KB)]));
    expect(await detector.detect(file, 'notes.docx')).toBe('docx');
    expect(file.readBytes).toBeLessThan(200 * KB);
  });
});
