/** CSV in: what Anki's own text export writes, Windows line ends, and plain files. */
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/infra/exchange/csv-reader.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readCsv', () => {
  it("reads Anki's 'Notes in Plain Text' export with GUID, note type, deck and tags columns", () => {
    const text =
      '#separator:tab\r\n#html:true\r\n#guid column:1\r\n#notetype column:2\r\n#deck column:3\r\n#tags column:6\r\n' +
      'f{8Z;P)t|w\tBasic\tLanguages::Spanish\thola<br>(informal)\thello\tvocab\r\n' +
      'g{9Z;P)t|w\tBasic\tLanguages::Spanish\t"tab\there"\t&lt;b&gt;\t\r\n';
    const parsed = readCsv(bytes(`\ufeff${text}`), 100);
    expect(parsed).toMatchObject({ format: 'csv', deck_title: 'Spanish', deck_category: 'Languages', unreadable: [] });
    expect(parsed.notes.map((n) => [n.row, n.guid, n.question, n.answer, n.modified])).toEqual([
      [1, 'f{8Z;P)t|w', 'hola\n(informal)', 'hello', null],
      [2, 'g{9Z;P)t|w', 'tab\there', '<b>', null],
    ]);
  });

  it('maps a header row by name (front/back, question/answer, any order) and plain text stays plain', () => {
    const parsed = readCsv(bytes('Back;Front;Page\n<b>kept</b>;Q;12\n'), 100);
    expect(parsed.notes[0]).toMatchObject({ question: 'Q', answer: '<b>kept</b>', page: 12, guid: null });
  });

  it('takes headerless columns as Question, Answer, Source, Page, Section, Quote, SourceURL', () => {
    const parsed = readCsv(bytes('What?\tThat.\tBook\t4\t1.2\t"a quote"\thttps://example.com\n'), 100);
    expect(parsed.notes[0]).toMatchObject({
      question: 'What?',
      answer: 'That.',
      source: 'Book',
      page: 4,
      section: '1.2',
      quote: 'a quote',
      source_url: 'https://example.com',
    });
  });
});
