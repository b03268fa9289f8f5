import { describe, expect, it } from 'vitest';
import { formatSource, SOURCE_MAX_CHARS } from '../../../src/core/index.js';

describe('formatSource', () => {
  it('omits the parts that are null and keeps the page first', () => {
    expect(formatSource('Biology101.pdf', 3, '1.2')).toBe('Biology101.pdf - Page 3, Section 1.2');
    expect(formatSource('Scan.pdf', 5, null)).toBe('Scan.pdf - Page 5');
    expect(formatSource('Notes.md', null, null)).toBe('Notes.md');
    expect(formatSource('Notes.md', null, '  ')).toBe('Notes.md');
  });

  it('shows only the innermost heading; the full path is for source_ref', () => {
    expect(
      formatSource(
        'Biology101_CellStructure.txt',
        null,
        'Chapter 5: Endoplasmic Reticulum > Section 5.2: Smooth Endoplasmic Reticulum (SER)',
      ),
    ).toBe('Biology101_CellStructure.txt - Section 5.2: Smooth Endoplasmic Reticulum (SER)');
    expect(formatSource('Ecology.pdf', 2, 'Chapter 1: Ecosystems > 1.1 Photosynthesis')).toBe(
      'Ecology.pdf - Page 2, Section 1.1 Photosynthesis',
    );
    expect(formatSource('Data.txt', null, 'Introduction > Arrays')).toBe('Data.txt - Section Arrays');
  });

  it('does not double the label when the heading already names itself', () => {
    expect(formatSource('Notes.txt', null, 'Chapter 2')).toBe('Notes.txt - Chapter 2');
    expect(formatSource('Apuntes.txt', null, 'Capítulo 1: La célula > Sección 1.1: Orgánulos')).toBe(
      'Apuntes.txt - Sección 1.1: Orgánulos',
    );
    expect(formatSource('Book.pdf', 9, 'Part II > Part III: Balances')).toBe('Book.pdf - Page 9, Part III: Balances');
    expect(formatSource('Notes.txt', null, 'Sectioning of tissue')).toBe('Notes.txt - Section Sectioning of tissue');
  });

  it('stays within the source limit, cutting a long heading with an ellipsis', () => {
    const heading = `Chapter 1: ${'A very long heading that goes on '.repeat(30)}`;
    const source = formatSource('Long.pdf', 12, `Intro > ${heading}`);
    expect(source.length).toBeLessThanOrEqual(SOURCE_MAX_CHARS);
    expect(source).toMatch(/^Long\.pdf - Page 12, Chapter 1: A very long heading .*\u2026$/u);
    const name = `${'n'.repeat(600)}.pdf`;
    expect(formatSource(name, 1, heading).length).toBeLessThanOrEqual(SOURCE_MAX_CHARS);
    expect(formatSource(name, null, null).length).toBeLessThanOrEqual(SOURCE_MAX_CHARS);
  });
});
