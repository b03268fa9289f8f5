/**
 * Rule `not_a_question`: the prompt is a question (ends with "?", "¿...?"), a task a student can do from memory
 * ("Define osmosis.", "Nombra las fases de la mitosis."), or a well-formed cloze: exactly one blank, with enough
 * words around it to say what is asked. A heading ("Cell membrane"), a statement ("The cell has a nucleus.") or
 * a cloze with two blanks for one answer is not a prompt.
 */
import { wordCount } from './card-words.js';
import { clozeBlanks } from './cloze-rules.js';

/** Imperative prompts, per language: en, es, fr, de, pt, it. */
const TASK =
  /^(?:define|name|list|explain|describe|state|give|identify|compare|distinguish|complete|translate|defin[ea]|nombra|menciona|enumera|explica|describe|indica|compara|completa|traduce|d[ée]finis(?:sez)?|nomme[zr]?|cite[zr]?|explique[zr]?|d[ée]cris|compl[eè]te[zr]?|nenne|nennen\s+sie|erkl[äa]re|beschreibe|definiere|vervollst[äa]ndige|nomeie|cite|explique|descreva|complete|nomina|elenca|spiega|descrivi|completa)\b/iu;
/** The cloze marker "Complete:" is not a word of the sentence. */
const CLOZE_LEAD = /^\s*\p{L}+:\s*/u;
const CLOZE_MIN_WORDS = 4;

export function notAQuestion(question: string): boolean {
  const text = question.trim();
  const blanks = clozeBlanks(text);
  if (blanks.length > 1) return true;
  if (blanks.length === 1) return wordCount(text.replace(CLOZE_LEAD, '')) < CLOZE_MIN_WORDS;
  if (/\?["'\u201D\u2019\u00BB)\]]*$/u.test(text)) return wordCount(text) < 2;
  return !TASK.test(text) || wordCount(text) < 2;
}
