/**
 * Documents shaped the way the extractors hand them over (heading lines kept in the text, lists as lines),
 * built in code for the offline generator tests: course notes with lists, Spanish notes, and a book's pages
 * with front matter, a table of contents, run-in headings and footnote numbers.
 */
import type { ExtractedDocument, TextSegment } from '../../../src/core/index.js';

const seg = (section: string | null, text: string, page: number | null = null): TextSegment => ({ page, section, text });

export const listNotes: ExtractedDocument = {
  format: 'txt',
  pageCount: null,
  language: 'en',
  title: 'Biology 101',
  segments: [
    seg(null, 'Biology 101 - Cell Structure and Function\nCourse: Introduction to Biology\nTopic: Cellular Biology'),
    seg('Chapter 3: Nucleus', '===== Chapter 3: Nucleus ====='),
    seg(
      'Chapter 3: Nucleus > Section 3.2: Functions of the Nucleus',
      'Section 3.2: Functions of the Nucleus\n\n- Stores genetic information (DNA)\n- Controls cellular activities by regulating gene expression\n- Site of DNA replication',
    ),
    seg(
      'Chapter 5: Endoplasmic Reticulum > Section 5.2: Smooth Endoplasmic Reticulum (SER)',
      'Section 5.2: Smooth Endoplasmic Reticulum (SER)\n\nThe smooth endoplasmic reticulum lacks ribosomes on its surface and appears smooth under a microscope.\n\n' +
        'Functions of Smooth ER:\n- Lipid synthesis: Manufactures phospholipids and cholesterol\n- Detoxification: Breaks down drugs and toxins (especially in liver cells)',
    ),
    seg(
      'Chapter 6: Golgi Apparatus > Section 6.1: Structure and Function',
      'Section 6.1: Structure and Function\n\nThe Golgi apparatus (also called the Golgi complex) consists of a series of flattened, membrane-bound sacs called cisternae. ' +
        'It is the cell\'s "post office," receiving, modifying, and shipping proteins and lipids.\n\n' +
        'Functions:\n1. Modification: Further modifies proteins from the ER\n   - Adds or removes sugar groups\n   - Adds phosphate groups\n\n2. Sorting: Directs proteins to their correct destinations',
    ),
    seg(
      'Chapter 8: Cytoskeleton > Section 8.1: The Cellular Framework',
      'Section 8.1: The Cellular Framework\n\nThe cytoskeleton is a network of protein filaments that extends throughout the cytoplasm. It provides structural support and facilitates cell movement.\n\n' +
        'Three Types of Cytoskeletal Filaments:\n\n1. Microfilaments (Actin Filaments):\n   - Diameter: 7 nm (smallest)\n   - Composition: Actin protein\n\n' +
        '2. Microtubules:\n   - Diameter: 25 nm (largest)\n   - Composition: Tubulin protein',
    ),
    seg(
      'Chapter 9: Types of Cells',
      '===== Chapter 9: Types of Cells =====\n\nThere are two main types of cells:\n\nProkaryotic Cells:\n- Lack a true nucleus\n- Examples: Bacteria and Archaea\n\n' +
        'Eukaryotic Cells:\n- Have a true nucleus enclosed by a nuclear membrane\n- Examples: Animals, plants, fungi, and protists',
    ),
  ],
};

export const spanishListNotes: ExtractedDocument = {
  format: 'txt',
  pageCount: null,
  language: 'es',
  title: 'Biología',
  segments: [
    seg(
      'Capítulo 1: La célula > Sección 1.1: Teoría celular',
      'Sección 1.1: Teoría celular\n\nLa célula es la unidad estructural y funcional básica de todos los seres vivos. La teoría celular fue formulada por Matthias Schleiden y Theodor Schwann en 1839. Según la teoría celular:\n' +
        '1. Todos los seres vivos están formados por una o más células\n2. La célula es la unidad básica de la vida\n3. Toda célula procede de otra célula preexistente',
    ),
    seg(
      'Capítulo 2: Orgánulos > Sección 2.1: Las mitocondrias',
      'Sección 2.1: Las mitocondrias\n\nLas mitocondrias son orgánulos que producen la mayor parte del ATP de la célula. Poseen su propio ADN y se dividen de forma independiente.\n\n' +
        'Funciones de las mitocondrias:\n- Producción de energía: Sintetizan ATP a partir de glucosa y oxígeno\n- Apoptosis: Liberan señales que inician la muerte celular programada',
    ),
    seg(
      'Capítulo 2: Orgánulos > Sección 2.2: Tipos de células',
      'Sección 2.2: Tipos de células\n\nCélulas procariotas:\n- Carecen de un núcleo verdadero\n- Ejemplos: bacterias y arqueas',
    ),
  ],
};

/** Pages of a book: cover and contents, a chapter that opens with a story, a DOCX-style run-in heading, footnotes. */
export const bookPages: ExtractedDocument = {
  format: 'pdf',
  pageCount: 7,
  language: 'en',
  title: 'Free Culture',
  segments: [
    seg('COVER', 'ALSO BY LAWRENCE LESSIG\n\nThe Future of Ideas: The Fate of the Commons in a Connected World', 1),
    seg(
      'Copyright',
      'Copyright © Lawrence Lessig, 2004. All rights reserved. The Penguin Press is a member of Penguin Group (USA) Inc.',
      2,
    ),
    seg(
      'CONTENTS',
      'CONTENTS\n\nPREFACE xiii\nINTRODUCTION 1\nCHAPTER ONE: Creators 21\nCHAPTER TWO: Mere Copyists 31\nCHAPTER THREE: Catalogs 48',
      3,
    ),
    seg(
      '"PIRACY" > Chapter 1: Creators',
      'CHAPTER ONE: Creators In 1928, a cartoon character was born. An early Mickey Mouse made his debut in May of that year, in a silent flop called Plane Crazy. ' +
        'There are thousands of used book and used record stores in America today.16 These stores buy content from owners, then sell the content they buy.',
      4,
    ),
    seg(
      '"PIRACY" > Chapter 1: Creators',
      'Walt Disney drew upon the work of others in the public domain. A statutory license is a license whose key terms are set by law.',
      5,
    ),
    seg(
      '"PIRACY" > Chapter 2: Catalogs',
      'Catalogs\n\nA catalog is a list of works that a library or a shop offers. Jesse Jordan enrolled as a freshman at Rensselaer Polytechnic Institute in 2002.',
      6,
    ),
    seg(
      '"PIRACY" > Chapter 3: Pirates',
      'Pirates\n\nThe Motion Picture Association of America was founded in 1922. Jack Valenti became the president of the association in 1966.',
      7,
    ),
  ],
};
