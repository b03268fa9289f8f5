/**
 * What the fake model answers for the course PDF (see course-pdf.ts), read back out of the prompt it was
 * sent, as a real model would: honest cards quoting a fact line of each segment, or lying ones that also
 * cite a wrong page and invent a quote. A meter adds up the usage the fake reports, computed exactly as
 * the fake's wire format computes it, so the document's token counts can be checked to the token.
 */
import { approximateTokens, segmentsInPrompt, type FakeCard, type RecordedRequest } from '../../support/fake-llm/index.js';

const FACT = /^On page \d+, the (.+?) is studied/;

function facts(text: string): { line: string; term: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .flatMap((line) => {
      const m = FACT.exec(line);
      return m ? [{ line, term: m[1]! }] : [];
    });
}

/** One honest card per segment: the first fact line, quoted verbatim, with the segment's page and section. */
export function honestCourseCards(request: RecordedRequest): FakeCard[] {
  return segmentsInPrompt(request.user).flatMap((segment) => {
    const [first] = facts(segment.text);
    if (!first) return [];
    return [
      {
        question: `What about the ${first.term} on page ${segment.page}?`,
        answer: first.line,
        page: segment.page,
        section: segment.section,
        quote: first.line,
      },
    ];
  });
}

export const INVENTED_QUOTE = 'The moon is made of green cheese, as every source agrees.';

/**
 * Per segment: the honest card, a true quote cited 40 pages off (its page must be corrected), and a quote
 * that is nowhere in the document (the card must be dropped and counted as rejected).
 */
export function lyingCourseCards(request: RecordedRequest): FakeCard[] {
  return segmentsInPrompt(request.user).flatMap((segment) => {
    const [first, second] = facts(segment.text);
    if (!first || !second) return [];
    const page = segment.page ?? 0;
    return [
      { question: `What about the ${first.term} on page ${page}?`, answer: first.line, page, section: segment.section, quote: first.line },
      {
        question: `Where is the ${second.term} covered, page ${page + 40}?`,
        answer: second.line,
        page: page + 40,
        section: segment.section,
        quote: second.line,
      },
      {
        question: `Which dairy fact sits on page ${page}?`,
        answer: 'An invented one.',
        page,
        section: segment.section,
        quote: INVENTED_QUOTE,
      },
    ];
  });
}

export interface UsageMeter {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export const newMeter = (): UsageMeter => ({ calls: 0, inputTokens: 0, outputTokens: 0 });

/** Wraps a card maker so every reply's usage (as the OpenAI wire format reports it) is added to `meter`. */
export function metered(make: (request: RecordedRequest) => FakeCard[], meter: UsageMeter) {
  return (request: RecordedRequest): FakeCard[] => {
    const cards = make(request);
    meter.calls += 1;
    meter.inputTokens += approximateTokens(request.system + request.user);
    meter.outputTokens += approximateTokens(JSON.stringify({ cards }));
    return cards;
  };
}
