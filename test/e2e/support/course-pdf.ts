/**
 * A course handout PDF for the end-to-end tests: several pages of distinct sentences (so a chunk limit of
 * 1000 characters gives one model call per page and progress has steps to show), chapter headings in a
 * larger bold font (so every page has a section), and a `salt` line so two uploads can differ in sha256
 * and never share the generation cache. What each page says is exported, so a test can check that a
 * stored quote really is on the page its card cites.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';

const TOPICS = [
  ['Cells', 'cell membrane', 'nucleus', 'cytoplasm', 'ribosome'],
  ['Energy', 'mitochondrion', 'glucose', 'photosynthesis', 'chlorophyll'],
  ['Genetics', 'gene', 'allele', 'chromosome', 'mutation'],
  ['Evolution', 'natural selection', 'adaptation', 'speciation', 'fossil record'],
  ['Ecology', 'ecosystem', 'food web', 'predator', 'decomposer'],
  ['Physiology', 'heart', 'lung', 'kidney', 'hormone'],
  ['Immunity', 'antibody', 'antigen', 'vaccine', 'lymphocyte'],
  ['Botany', 'root', 'stem', 'leaf', 'flower'],
] as const;

export interface CoursePage {
  /** 1-based page number. */
  page: number;
  /** The chapter heading when this page starts a chapter. */
  heading: string | null;
  lines: string[];
}

/** Sentences short enough to fit one line at 11 pt, each unique to its page. */
function pageLines(page: number, salt: string): string[] {
  const [chapter, ...terms] = TOPICS[(page - 1) % TOPICS.length]!;
  const lines = terms.flatMap((term, i) => [
    `On page ${page}, the ${term} is studied as part of ${chapter.toLowerCase()} topic ${page}.${i + 1}.`,
    `Students should remember that the ${term} matters for exam question ${page * 10 + i}.`,
  ]);
  lines.push(`Revision note ${page}: review every term of ${chapter.toLowerCase()} before the quiz ${salt}.`);
  return lines;
}

/** Pages 1, 3, 5, ... start a chapter; the even pages continue the chapter before them. */
export function coursePages(pageCount: number, salt = 'v1'): CoursePage[] {
  return Array.from({ length: pageCount }, (_, i) => {
    const page = i + 1;
    const heading = page % 2 === 1 ? `Chapter ${(page + 1) / 2} ${TOPICS[(page - 1) % TOPICS.length]![0]}` : null;
    return { page, heading, lines: pageLines(page, salt) };
  });
}

export async function coursePdf(pages: CoursePage[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  for (const content of pages) {
    const page = pdf.addPage([612, 792]);
    let y = 720;
    if (content.heading) {
      page.drawText(content.heading, { x: 72, y, size: 18, font: bold });
      y -= 36;
    }
    for (const line of content.lines) {
      page.drawText(line, { x: 72, y, size: 11, font });
      y -= 16;
    }
  }
  return pdf.save();
}

/** Lower case, single spaces: how the tests compare a stored quote with the page text. */
export const normalised = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** True when the quote is on that page (heading or body). */
export function quoteIsOnPage(pages: CoursePage[], page: number | null, quote: string): boolean {
  const content = pages.find((p) => p.page === page);
  if (!content) return false;
  return normalised([content.heading ?? '', ...content.lines].join(' ')).includes(normalised(quote));
}

/** The chapter a page belongs to: the last heading at or before it. */
export function chapterOf(pages: CoursePage[], page: number | null): string | null {
  let chapter: string | null = null;
  for (const p of pages) {
    if (page === null || p.page > page) break;
    chapter = p.heading ?? chapter;
  }
  return chapter;
}
