/** Course notes in English and Spanish, built in code, for the offline generator tests. */
import type { ExtractedDocument } from '../../../src/core/index.js';

export const englishNotes: ExtractedDocument = {
  format: 'pdf',
  pageCount: 4,
  language: 'en',
  title: 'Ecology',
  segments: [
    {
      page: 1,
      section: 'Chapter 1: Ecosystems',
      text: 'An ecosystem is a community of living organisms interacting with their physical environment.\nEnergy enters most ecosystems as sunlight and leaves as heat.',
    },
    {
      page: 2,
      section: 'Chapter 1: Ecosystems > 1.1 Photosynthesis',
      text: 'Photosynthesis is the process by which green plants convert light energy into chem-\nical energy stored in glucose. It takes place in the chloroplasts of leaf cells, where chlorophyll absorbs red and blue light.',
    },
    {
      page: 3,
      section: 'Chapter 1: Ecosystems > 1.2 Food Webs',
      text: 'Producers are organisms that make their own food from inorganic substances.\nTrophic level: the position an organism occupies in a food chain.\nOnly about 10 percent of the energy at one trophic level passes to the next, as Raymond Lindeman showed in 1942.',
    },
    {
      page: 4,
      section: 'References',
      text: 'Lindeman, R. L. (1942). The trophic-dynamic aspect of ecology. Ecology, 23(4), 399-417. https://doi.org/10.2307/1930126',
    },
  ],
};

export const spanishNotes: ExtractedDocument = {
  format: 'txt',
  pageCount: null,
  language: 'es',
  title: 'Biología celular',
  segments: [
    {
      page: null,
      section: 'Tema 1. La célula',
      text: 'La célula es la unidad estructural y funcional básica de todos los seres vivos.\nLas células procariotas carecen de un núcleo definido y de orgánulos rodeados por membrana.',
    },
    {
      page: null,
      section: 'Tema 1. La célula > 1.1 Mitocondrias',
      text: 'Las mitocondrias son orgánulos que producen la mayor parte del ATP de la célula mediante la respiración celular. Fueron descritas por Richard Altmann en 1890.',
    },
    {
      page: null,
      section: 'Tema 2. Membrana plasmática',
      text: 'Se denomina ósmosis al paso de agua a través de una membrana semipermeable desde la zona de menor concentración de soluto.\nEl transporte activo se define como el movimiento de sustancias en contra de su gradiente, con gasto de energía.',
    },
    {
      page: null,
      section: 'Tema 2. Membrana plasmática > Bibliografía',
      text: 'Alberts, B. et al. (2015). Molecular Biology of the Cell. 6.ª ed. Garland Science. ISBN 978-0815345244.',
    },
  ],
};
