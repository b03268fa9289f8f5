import { CoreError } from '../../core/index.js';

/**
 * Decides whether extracted PDF text is real text. Two failures look alike to a reader and must never become
 * cards: pages that are pictures of text (scans: almost no characters at all) and fonts without a Unicode
 * mapping (../shared/corpus/TAMReview.pdf: plenty of "characters", but control codes, private-use glyphs, or
 * letters that form no words).
 */
export class TextQuality {
  private chars = 0; // non-whitespace
  private letters = 0;
  private junk = 0;
  private latinWords = 0;
  private voweless = 0;

  add(text: string): void {
    // A plain loop with an ASCII fast path: this runs over every character of a 350-page book.
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 32 || code === 10 || code === 9 || code === 13) continue;
      this.chars++;
      if (code < 128) {
        if ((code | 32) >= 97 && (code | 32) <= 122) this.letters++;
        else if (code < 32 || code === 127) this.junk++;
        continue;
      }
      const c = String.fromCodePoint(text.codePointAt(i)!);
      if (c.length === 2) i++;
      if (/\s/u.test(c)) this.chars--;
      else if (/\p{L}/u.test(c)) this.letters++;
      else if (/[\p{Cc}\p{Co}\p{Cn}\ufffd]/u.test(c)) this.junk++;
    }
    for (const word of text.matchAll(/\b[a-zA-Z\u00C0-\u024F]{3,}\b/g)) {
      this.latinWords++;
      if (
        !/[aeiouyAEIOUY\u00C0-\u00C6\u00C8-\u00CF\u00D2-\u00D6\u00D9-\u00DD\u00E0-\u00E6\u00E8-\u00EF\u00F2-\u00F6\u00F9-\u00FD]/.test(
          word[0],
        )
      ) {
        this.voweless++;
      }
    }
  }

  get letterCount(): number {
    return this.letters;
  }

  /** readable, garbled (an unmapped font's gibberish) or scanned (almost no text: pictures of pages). */
  verdict(pageCount: number, minLetters = MIN_LETTERS): 'readable' | 'garbled' | 'scanned' {
    // Judge gibberish first: an unmapped font yields many characters but few letters, which is not a scan.
    const garbled =
      this.chars >= minLetters &&
      (this.junk / this.chars > MAX_JUNK_SHARE ||
        this.letters / this.chars < MIN_LETTER_SHARE ||
        (this.latinWords >= 20 && this.voweless / this.latinWords > MAX_VOWELESS_SHARE));
    if (garbled) return 'garbled';
    if (this.letters < minLetters || this.letters / Math.max(1, pageCount) < MIN_LETTERS_PER_PAGE) return 'scanned';
    return 'readable';
  }

  /**
   * Throws CoreError('unprocessable') unless the text looks like something people wrote. `ocrTried`: the
   * pages without text were already read by OCR, so advising OCR would not help.
   */
  assertReadable(pageCount: number, ocrTried = false): void {
    const verdict = this.verdict(pageCount);
    if (verdict === 'readable') return;
    if (ocrTried) {
      throw new CoreError(
        'unprocessable',
        'This PDF has no text that could be read, even by OCR (text recognition): its pages may be blank, handwritten, or scanned too faintly. Scan it again at a higher contrast, or upload a copy with real text.',
      );
    }
    if (verdict === 'garbled') {
      throw new CoreError(
        'unprocessable',
        'This PDF has no extractable text: its fonts do not say which letters they draw, so the text comes out as gibberish. Export or print it to a new PDF, or run it through OCR, and upload the result.',
      );
    }
    throw new CoreError(
      'unprocessable',
      'This PDF has no extractable text: it may be scanned images of pages. Run it through OCR (for example "Make searchable" in a PDF tool) and upload the result.',
    );
  }
}

const MIN_LETTERS = 50;
const MIN_LETTERS_PER_PAGE = 8;
const MAX_JUNK_SHARE = 0.1;
// Tables of figures are fine, but a document with fewer than one letter in four characters is not prose.
const MIN_LETTER_SHARE = 0.25;
// Real words in Latin scripts nearly all contain a vowel; a font mapped to the wrong letters breaks that.
const MAX_VOWELESS_SHARE = 0.4;
