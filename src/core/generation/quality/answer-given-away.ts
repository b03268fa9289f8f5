/**
 * Rule `answer_in_question`: the question must not give its answer away. "What is the capital of France,
 * Paris?" -> "Paris" tests reading, not memory. A card breaks it when every word of the answer that carries
 * meaning is already in the question (for a cloze, in the text around the blank). An answer that adds a
 * meaningful word of its own passes: "What is photosynthesis?" -> "Photosynthesis is how plants make sugar".
 */
import { contentTokens, fold, type RuleLanguage } from './card-words.js';

export function answerInQuestion(question: string, answer: string, languages: readonly RuleLanguage[]): boolean {
  const answerWords = contentTokens(answer, languages);
  if (answerWords.length === 0) {
    // Only function words ("Yes", "No"): given away only if the question contains it word for word.
    const phrase = fold(answer)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    return phrase.length > 1 && ` ${fold(question).replace(/[^\p{L}\p{N}]+/gu, ' ')} `.includes(` ${phrase} `);
  }
  const questionWords = new Set(contentTokens(question, languages));
  return answerWords.every((w) => questionWords.has(w));
}
