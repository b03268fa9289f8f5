import { franc } from 'franc-min';

/**
 * Main language of a document as ISO 639-1, via franc-min (which answers ISO 639-3).
 * franc's scores do not separate "sure" from "unsure" on long texts (the runner-up scores ~0.98 on plain
 * English notes), so uncertainty is judged by the amount of text instead: below MIN_LETTERS we say null.
 */
const ISO_639_3_TO_1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  ron: 'ro',
  ces: 'cs',
  slk: 'sk',
  hun: 'hu',
  swe: 'sv',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  srp: 'sr',
  hrv: 'hr',
  bos: 'bs',
  ell: 'el',
  tur: 'tr',
  arb: 'ar',
  pes: 'fa',
  heb: 'he',
  hin: 'hi',
  ben: 'bn',
  urd: 'ur',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  vie: 'vi',
  ind: 'id',
  zlm: 'ms',
  tha: 'th',
  tgl: 'tl',
  swh: 'sw',
  uzn: 'uz',
  azj: 'az',
  kaz: 'kk',
};

const MIN_LETTERS = 20;
// franc is linear in its input; a spread-out sample of this size is as accurate as the whole book.
const SAMPLE_CHARS = 30_000;

function sample(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const slice = SAMPLE_CHARS / 3;
  const middle = Math.floor(text.length / 2 - slice / 2);
  return [text.slice(0, slice), text.slice(middle, middle + slice), text.slice(-slice)].join('\n');
}

export function detectLanguage(text: string): string | null {
  const probe = sample(text);
  const letters = probe.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  return ISO_639_3_TO_1[franc(probe, { minLength: MIN_LETTERS })] ?? null;
}
