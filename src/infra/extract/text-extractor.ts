import type { ExtractedDocument, ExtractOptions } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import { SectionStack, SegmentBuilder, collapseSpaces, finishDocument } from './segments.js';
import { decodeText } from './text-decoding.js';
import { findTextHeadings } from './text-headings.js';

/** Plain text and Markdown: one segment per section, no pages (a text file has none to cite). */
export async function extractPlainText(
  bytes: Uint8Array,
  format: 'txt' | 'markdown',
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  options.signal?.throwIfAborted();
  const decoded = decodeText(bytes);
  if (!decoded) {
    throw new CoreError('unsupported_media_type', 'This file is not plain text. Upload a .txt or .md file saved as text.');
  }
  const lines = decoded.text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.every((l) => l.trim() === '')) {
    throw new CoreError('unprocessable', 'This file has no text to make cards from.');
  }

  const headings = findTextHeadings(lines);
  const stack = new SectionStack();
  const builder = new SegmentBuilder();
  lines.forEach((line, i) => {
    const heading = headings.get(i);
    if (heading) stack.enter(heading.level, collapseSpaces(heading.title));
    builder.add(null, stack.path, line);
  });
  options.onProgress?.(1, 1);

  // The first line names most notes ("Biology 101 - Cell Structure", "# Data Structures").
  const first = lines.find((l) => l.trim() !== '')!;
  const firstHeading = headings.get(lines.indexOf(first));
  const title = firstHeading?.title ?? first.trim();
  return finishDocument(format, null, builder.build(), title.length <= 150 ? title : null);
}
