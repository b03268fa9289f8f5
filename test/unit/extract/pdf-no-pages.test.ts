/** Issue 12, defect 6: a PDF with an empty page tree is not "scanned images"; it has no pages, and says so. */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/errors.js';
import { DocumentTextExtractor } from '../../../src/infra/extract/index.js';

describe('a PDF with no pages', () => {
  it('fails with a sentence saying it has no pages, not that it may be scanned', async () => {
    const bytes = await (await PDFDocument.create()).save({ addDefaultPage: false });
    const error = await new DocumentTextExtractor().extract(bytes, 'pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('unprocessable');
    expect((error as CoreError).message).toMatch(/no pages/);
    expect((error as CoreError).message).not.toMatch(/scanned/);
  });
});
