/**
 * Tells English from Spanish by counting very common words: enough to pick card templates and sentence
 * patterns for a chunk, with no dependency and no network. Other languages fall back to English templates.
 */

export type OfflineLanguage = 'en' | 'es';

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

/** Words that only one of the two languages uses often (shared ones like "a", "no" would blur the count). */
const MARKERS: Record<OfflineLanguage, ReadonlySet<string>> = {
  en: new Set('the and of to is are was were this that with which from it for'.split(' ')),
  es: new Set('el la los las y de del es son que para con una por se'.split(' ')),
};

export function detectLanguage(text: string): OfflineLanguage | null {
  const counts = { en: 0, es: 0 };
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (MARKERS.en.has(word)) counts.en++;
    if (MARKERS.es.has(word)) counts.es++;
  }
  if (counts.en === 0 && counts.es === 0) return null;
  return counts.es > counts.en ? 'es' : 'en';
}

export const isStopword = (word: string): boolean => STOPWORDS.en.has(word.toLowerCase()) || STOPWORDS.es.has(word.toLowerCase());
