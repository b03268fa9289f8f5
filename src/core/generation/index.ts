/** Card generation: chunking, prompting, output validation, grounding and de-duplication (pure logic). */
export * from './card-output-schema.js';
export * from './chunk-document.js';
export * from './format-source.js';
export * from './generate-grounded-drafts.js';
export * from './generation-prompt.js';
export * from './grounding.js';
export * from './match-normalisation.js';
export * from './question-dedupe.js';
export * from './run-with-concurrency.js';
export * from './split-text.js';
export * from './quality/index.js';
