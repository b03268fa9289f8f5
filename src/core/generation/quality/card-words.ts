/**
 * Words the quality rules need per language (en, es, fr, de, pt, it): function words that carry no meaning on
 * their own, and a card's text folded into comparable word tokens. Small closed lists, no dictionary.
 */

export const RULE_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it'] as const;
export type RuleLanguage = (typeof RULE_LANGUAGES)[number];

/** The languages a card is checked in: the card language, the document's, and English (models drift to it). */
export function ruleLanguages(...codes: (string | null | undefined)[]): RuleLanguage[] {
  const known = new Set<RuleLanguage>(['en']);
  for (const code of codes) {
    const short = code?.toLowerCase().slice(0, 2);
    if (short && (RULE_LANGUAGES as readonly string[]).includes(short)) known.add(short as RuleLanguage);
  }
  return [...known];
}

const FUNCTION_WORDS: Record<RuleLanguage, string> = {
  en:
    'a an the and or nor but of to in on at by for with from as into onto upon about than then so if is are was were be been being am ' +
    'it its this that these those there here he she they we you i me him her us them his hers our their your my mine which who whom whose ' +
    'what when where why how not no yes do does did has have had will would shall should can could may might must also too very just only ' +
    'all any some each every both either neither such same other own more most less least much many few',
  es:
    'el la lo los las un una unos unas y e o u ni pero sino de del al a en por para con sin sobre entre hacia hasta desde es son era eran fue ' +
    'fueron ser sido está están estaba que qué cual cuál cuales quien quién cuyo como cómo cuando cuándo donde dónde se su sus le les me te ' +
    'nos mi mis tu tus él ella ellos ellas esto este esta estos estas eso ese esa esos esas aquel aquella muy más menos ya no sí también ' +
    'tan tanto todo toda todos todas otro otra otros otras mismo misma cada ha han había hay',
  fr:
    'le la les l un une des du de d et ou mais ni car donc or à au aux en dans par pour avec sans sur sous entre est sont était étaient ' +
    'être été a ont avait que qui quoi dont où ce cet cette ces il elle ils elles on se sa son ses leur leurs ne pas plus très aussi tout ' +
    'toute tous toutes même autre autres y',
  de:
    'der die das den dem des ein eine einer eines einem einen und oder aber doch sondern von zu zum zur in im an am auf aus bei mit nach ' +
    'für über unter vor durch gegen ohne um ist sind war waren sein gewesen hat haben hatte wird werden wurde es er sie wir ihr ich du ' +
    'dies diese dieser dieses jener welche welcher welches wer was wann wo wie warum nicht kein keine auch sehr nur noch schon so sich',
  pt:
    'o a os as um uma uns umas e ou mas nem de do da dos das ao aos à às em no na nos nas por pelo pela para com sem sobre entre é são ' +
    'era eram foi foram ser sido está estão que qual quais quem cujo como quando onde se seu sua seus suas lhe ele ela eles elas isto ' +
    'isso este esta estes estas esse essa muito mais menos já não sim também todo toda todos todas outro outra mesmo cada há',
  it:
    'il lo la i gli le un uno una e ed o ma né di del dello della dei degli delle a al allo alla ai agli alle da dal in nel nella nei ' +
    'con su sul sulla per tra fra è sono era erano fu essere stato che chi cui quale quali come quando dove se suo sua suoi sue loro ' +
    'esso essa essi esse questo questa questi queste quello quella molto più meno già non sì anche tutto tutta tutti tutte altro altra stesso ogni',
};

const functionWordSets = new Map<RuleLanguage, ReadonlySet<string>>(
  RULE_LANGUAGES.map((l) => [l, new Set(FUNCTION_WORDS[l].split(' ').map(fold))]),
);

/** Lower case without accents: "Célula" -> "celula". */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

export function isFunctionWord(word: string, languages: readonly RuleLanguage[]): boolean {
  const folded = fold(word);
  return languages.some((l) => functionWordSets.get(l)!.has(folded));
}

/** Folded words of a text, with a crude plural strip ("cells" ~ "cell", "células" ~ "célula"). */
export function wordTokens(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** Words that carry meaning: not function words of the given languages. */
export const contentTokens = (text: string, languages: readonly RuleLanguage[]): string[] =>
  wordTokens(text).filter((w) => !isFunctionWord(w, languages));

export const wordCount = (text: string): number => (text.match(/[\p{L}\p{N}]+(?:['\u2019.,-][\p{L}\p{N}]+)*/gu) ?? []).length;
