/**
 * Tells English, Spanish, French, German, Portuguese and Italian apart by counting very common words: enough to
 * pick card templates and sentence patterns for a chunk, with no dependency and no network. Sentence patterns
 * (definitions, lists) exist for English and Spanish; the other four get their own question templates.
 */

/** Languages with sentence patterns. */
export type OfflineLanguage = 'en' | 'es';
/** Languages with question templates (templates.ts). */
export type CardLanguage = OfflineLanguage | 'fr' | 'de' | 'pt' | 'it';
export const CARD_LANGUAGES: readonly CardLanguage[] = ['en', 'es', 'fr', 'de', 'pt', 'it'];

/** The sentence patterns a card language uses: Spanish for Spanish, English (whose patterns then rarely match) otherwise. */
export const patternLanguage = (language: CardLanguage): OfflineLanguage => (language === 'es' ? 'es' : 'en');

export const STOPWORDS: Record<OfflineLanguage, ReadonlySet<string>> = {
  en: new Set(
    (
      'the a an and or of to in on at by for with from as is are was were be been it its this that these those which who what when where how not no but if then than so such into about also can may there their they he she we you i our ' +
      'has have had do does did will would could should must might shall your his her him them me my us all any some more most other only just very much many ' +
      'being over under between through because while both each few own same too now here why whether yet since until upon within without against among again even still every'
    ).split(' '),
  ),
  es: new Set(
    (
      'el la los las un una unos unas y o de del al a en por para con sin sobre entre es son era fue ser está están que cual quien cuando donde como no pero si se su sus lo le les este esta estos estas ese esa eso también muy más ' +
      'ha han había habían hay ya todo todos toda todas otro otra otros otras mismo misma cada tanto tan ni sino aunque porque pues hasta desde durante mientras según'
    ).split(' '),
  ),
};

/** Words each language uses often; a word shared by two languages counts for both and decides nothing. */
const MARKERS: Record<CardLanguage, ReadonlySet<string>> = {
  en: new Set('the and of to is are was were this that with which from it for'.split(' ')),
  es: new Set('el la los las y de del es son que para con una por se'.split(' ')),
  fr: new Set('le la les des et est sont une dans pour qui sur pas du au avec ce'.split(' ')),
  de: new Set('der die das und ist sind nicht ein eine mit von zu den auf für sich'.split(' ')),
  pt: new Set('o os as um uma não é são com para do da dos das em também'.split(' ')),
  it: new Set('il gli della delle degli è sono non che per una con del nel anche'.split(' ')),
};

export function detectLanguage(text: string): CardLanguage | null {
  const counts = new Map<CardLanguage, number>(CARD_LANGUAGES.map((l) => [l, 0]));
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const l of CARD_LANGUAGES) if (MARKERS[l].has(word)) counts.set(l, counts.get(l)! + 1);
  }
  // Ties go to the earlier language (English, then Spanish), as before.
  const [best, n] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  return n === 0 ? null : best;
}

export const isStopword = (word: string): boolean => STOPWORDS.en.has(word.toLowerCase()) || STOPWORDS.es.has(word.toLowerCase());
