import { CoreError } from '../../../core/index.js';

/** Kept apart from the OCR code, so the upload check that uses it loads none of it. */
export const ocrIsOff = () =>
  new CoreError(
    'unsupported_media_type',
    'Photos of pages are read with text recognition (OCR), which is turned off on this server. Upload the text as a PDF, Word document or text file instead.',
  );
