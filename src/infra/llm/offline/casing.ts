/**
 * Headings and list labels are Title Case ("Functions of Rough ER", "Cellular Respiration"), which reads
 * oddly mid-question. The chunk's own prose says how each word is really written: "cellular respiration" is
 * lower case there, "Golgi" is capitalised even mid-sentence, "ER" is an acronym.
 */
export class Casing {
  private readonly lower = new Set<string>();
  private readonly proper = new Set<string>();
  private readonly text: string;

  /** `prose`: the chunk's sentences (not headings, not list labels), whose capitals are meaningful. */
  constructor(prose: Iterable<string>) {
    const all: string[] = [];
    for (const sentence of prose) {
      all.push(sentence.toLowerCase());
      let first = true;
      for (const m of sentence.matchAll(/\p{L}[\p{L}'\u2019-]*/gu)) {
        const word = m[0];
        if (/^\p{Ll}/u.test(word)) this.lower.add(word);
        // Capitalised anywhere but at the start of a sentence: a name ("the Golgi complex", "Michael Agee").
        else if (!first) this.proper.add(word);
        first = false;
      }
    }
    this.text = ` ${all.join(' ').replace(/\s+/gu, ' ')} `;
  }

  /** "Golgi apparatus" -> "the Golgi apparatus" if the text says so; "cellular respiration" and "arrays" stay bare. */
  withArticle(phrase: string, language: 'en' | 'es'): string {
    if (/^(the|a|an|el|la|los|las)\s/iu.test(phrase)) return phrase;
    const articles = language === 'es' ? ['el', 'la', 'los', 'las'] : ['the'];
    const found = articles.find((a) => this.text.includes(` ${a} ${phrase.toLowerCase()}`));
    return found ? `${found} ${phrase}` : phrase;
  }

  /** "Functions of Rough ER" -> "functions of rough ER"; "Golgi Apparatus" -> "Golgi apparatus". */
  cased(text: string): string {
    return text.replace(/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}[\p{L}'\u2019-]*/gu, (word) => {
      const low = word.toLocaleLowerCase();
      if (this.lower.has(low)) return low;
      return this.proper.has(word) ? word : low;
    });
  }
}

/** Upper-cases the first letter, after any opening quote. */
export const capitalized = (text: string): string =>
  text.replace(/^(["'\u201C\u00AB\u00BF\u00A1]*)(\p{L})/u, (_, q: string, l: string) => q + l.toLocaleUpperCase());
