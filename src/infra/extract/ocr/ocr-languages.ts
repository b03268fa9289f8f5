import { mkdir, symlink, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where tesseract.js finds its language data: the `@tesseract.js-data/<code>` packages installed with the
 * app, never a download (tesseract.js fetches from a CDN when no langPath is given). One language reads
 * straight from its package's folder; several are linked into one folder under the cache path, because
 * tesseract.js takes a single langPath for all of them.
 */
const resolveFromHere = createRequire(import.meta.url);

/** A tesseract language code: "eng", "deu", "chi_sim". */
export const LANGUAGE_CODE = /^[a-z]{3}(_[a-z]+)?$/;

export function dataFolderOf(language: string): string {
  if (!LANGUAGE_CODE.test(language)) throw new Error(`"${language}" is not a tesseract language code (such as eng or deu).`);
  try {
    const data = resolveFromHere(`@tesseract.js-data/${language}`) as { langPath?: string };
    if (!data.langPath) throw new Error('no langPath');
    return data.langPath;
  } catch {
    throw new Error(
      `OCR language "${language}" has no data installed: add the package @tesseract.js-data/${language} (npm install @tesseract.js-data/${language}), or remove it from OCR_LANGUAGES.`,
    );
  }
}

/** Throws, naming the missing package, unless every language's data is installed. */
export function assertLanguagesInstalled(languages: readonly string[]): void {
  for (const language of languages) dataFolderOf(language);
}

/** The one folder holding every language's .traineddata.gz. */
export async function languageFolder(languages: readonly string[], cachePath: string): Promise<string> {
  const folders = languages.map(dataFolderOf);
  if (new Set(folders).size === 1) return folders[0]!;
  const joined = path.join(cachePath, `lang-${languages.join('+')}`);
  await mkdir(joined, { recursive: true });
  for (const [i, language] of languages.entries()) {
    const link = path.join(joined, `${language}.traineddata.gz`);
    await rm(link, { force: true });
    await symlink(path.join(folders[i]!, `${language}.traineddata.gz`), link);
  }
  return joined;
}
