/**
 * Cause and effect: "Stations went silent because the fees were too high." becomes "Why is it that stations went
 * silent?" -> "Because the fees were too high." Only sentences where the effect is a full clause that names
 * its subject (no pronoun, no connective opening it) and the cause is a short phrase: one fact per card.
 */
import { capitalize, displayText } from './sentences.js';
import { CAUSE_WORDS, WHY } from './templates.js';
import type { CardLanguage } from './text-language.js';

export interface CauseCard {
  question: string;
  answer: string;
}

const MIN_EFFECT_WORDS = 4;
const MAX_EFFECT_WORDS = 30;
const MIN_CAUSE_WORDS = 3;
const MAX_CAUSE_WORDS = 25;

/** An effect opening with these leans on the sentence before it: "It failed because...", "But they...". */
const LEANS_ON_CONTEXT: Record<CardLanguage, RegExp> = {
  en: /^(it|its|they|their|them|this|these|those|that|he|she|his|her|we|i|you|but|and|so|or|yet|however|thus|then|there|such|which|one|both)\b/iu,
  es: /^(esto|este|esta|estos|estas|eso|ello|él|ella|ellos|ellas|su|sus|pero|y|o|así|entonces|sin embargo|lo|le|les)\b/iu,
  fr: /^(il|elle|ils|elles|cela|ceci|ce|cette|ces|mais|et|ou|donc|on|nous|je|leur|son|sa|ses)\b/iu,
  de: /^(er|sie|es|dies|diese|dieser|das|aber|und|oder|also|man|wir|ich|sein|seine|ihr|ihre)\b/iu,
  pt: /^(ele|ela|eles|elas|isto|isso|este|esta|mas|e|ou|então|seu|sua|seus|suas)\b/iu,
  it: /^(esso|essa|essi|esse|questo|questa|ciò|ma|e|o|quindi|lui|lei|loro|suo|sua)\b/iu,
};
/** The author speaking ("as a clerk, I had seen...") or a discourse opener: the clause needs its context. */
const PERSONAL = /(^|\s)(i|we|you|my|our|your|me|us|yo|nosotros|mi|mis|nuestro|nuestra|je|nous|vous|ich|wir|eu|nós|io|noi)(\s|[,.;:]|$)/iu;
const OPENER =
  /^(even|indeed|well|none|not|only|still|also|now|here|yet|instead|rather|perhaps|maybe|of course|incluso|además|bueno|tampoco|sólo|solo)\b/iu;

/** A capital here only starts the sentence: "The law ..." -> "the law ...", while "Congress ..." stays. */
const LEADING_FUNCTION_WORD =
  /^(the|a|an|in|on|at|for|many|most|some|all|el|la|los|las|un|una|en|muchos|muchas|le|les|un|une|des|dans|der|die|das|ein|eine|im|o|os|as|um|uma|no|na|il|lo|gli|uno|nel|nella)\s/iu;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (text: string) => text.split(/\s+/u).filter(Boolean).length;

const patterns = new Map<CardLanguage, { after: RegExp; before: RegExp }>();
function patternsOf(language: CardLanguage) {
  let found = patterns.get(language);
  if (!found) {
    const cause = CAUSE_WORDS[language].map(escapeRegExp).join('|');
    found = {
      after: new RegExp(`^(?<effect>\\p{Lu}[^;:?!]+?),?\\s+(?<word>${cause})\\s+(?<cause>[^;:?!]+?)\\.$`, 'iu'),
      before: new RegExp(`^(?<word>${cause})\\s+(?<cause>[^,;:?!]+),\\s+(?<effect>[^;:?!]+?)\\.$`, 'iu'),
    };
    patterns.set(language, found);
  }
  return found;
}

export function findCause(sentence: string, language: CardLanguage): CauseCard | null {
  // Most sentences name no cause: a plain substring test spares them the regular expression.
  const lower = sentence.toLowerCase();
  if (!CAUSE_WORDS[language].some((w) => lower.includes(w))) return null;
  const text = displayText(sentence);
  if (text.length < 40 || text.length > 300) return null;
  const { after, before } = patternsOf(language);
  const m = after.exec(text) ?? before.exec(text);
  if (!m?.groups) return null;
  const effect = m.groups.effect!.trim();
  const cause = m.groups.cause!.trim();
  if (words(effect) < MIN_EFFECT_WORDS || words(effect) > MAX_EFFECT_WORDS) return null;
  if (words(cause) < MIN_CAUSE_WORDS || words(cause) > MAX_CAUSE_WORDS) return null;
  if (LEANS_ON_CONTEXT[language].test(effect) || /["\u201C\u201D\u00AB\u00BB()[\]]/u.test(effect)) return null;
  // One clause each side: no commas or dashes joining more, no "not because X but because Y", no second sentence.
  if (/[,\u2014\u2013]|\.\s/u.test(effect) || /[,\u2014\u2013]|\bbut\b|\bsino\b/u.test(cause) || /\bnot$/iu.test(effect)) return null;
  if (OPENER.test(effect) || PERSONAL.test(effect) || PERSONAL.test(cause)) return null;
  const clause = LEADING_FUNCTION_WORD.test(effect) ? effect.charAt(0).toLocaleLowerCase() + effect.slice(1) : effect;
  return { question: WHY[language](clause), answer: `${capitalize(m.groups.word!.toLowerCase())} ${cause}.` };
}
