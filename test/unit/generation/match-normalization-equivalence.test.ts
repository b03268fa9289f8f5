/**
 * normaliseForMatch was rewritten over typed arrays so that normalising a book no longer stalls the event loop
 * for ~300 ms (issue 12). It must give exactly what the old one gave: same text, same origin of every unit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseForMatch, normaliseForMatchInSlices } from '../../../src/core/generation/match-normalisation.js';
import { normaliseForMatch as reference } from './match-normalization.reference.js';

const same = (text: string) => {
  const fast = normaliseForMatch(text);
  const old = reference(text);
  expect(fast.text).toBe(old.text);
  expect(Array.from(fast.start)).toEqual(old.start);
  expect(Array.from(fast.end)).toEqual(old.end);
};

const pieces = [
  'photo-',
  '\nsynthesis',
  ' - ',
  '--',
  'be-',
  'Ŀ',
  'ﬃ',
  'ℌ-x',
  'É',
  'e\u0301',
  '\u00AD',
  '\u200B',
  '  ',
  '\t',
  '“quoted”',
  '‘a’',
  '—',
  '`',
  'ABC',
  'straße',
  '😀',
  '\uD800',
  '\uDC00',
  'İ',
  'ǅ',
  '１２３',
  'x-\n',
  '-',
  ' ',
];

describe('normaliseForMatch over typed arrays', () => {
  it('matches the old implementation on hand-picked hard cases', () => {
    for (const text of [
      '',
      ' ',
      '-',
      'a-',
      'a- ',
      'a- b',
      'A-B',
      'ℌ-\nx',
      'well-known',
      '  lead and trail  ',
      'photo-\nsynthesis',
      'ﬁnal ﬂow',
    ])
      same(text);
  });

  it('matches the old implementation on random mixes of tricky pieces and any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string(), fc.string({ unit: 'grapheme' })), { maxLength: 30 }),
        (parts) => same(parts.join('')),
      ),
      { numRuns: 2000 },
    );
  });

  it('in slices, gives the same result and pauses along the way on a long text', async () => {
    const text = Array.from({ length: 4000 }, (_, i) => `${pieces[i % pieces.length]} Photo-\nsynthesis ${i} `).join('');
    let pauses = 0;
    const sliced = await normaliseForMatchInSlices(text, async () => void pauses++);
    const whole = normaliseForMatch(text);
    expect(sliced.text).toBe(whole.text);
    expect(Array.from(sliced.start)).toEqual(Array.from(whole.start));
    expect(pauses).toBeGreaterThan(1);
  });
});
