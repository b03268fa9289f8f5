export * from './fake-llm-server.js';
export * from './openai-wire.js';
export * from './anthropic-wire.js';
export * from './prompt-cards.js';
export * from './bedrock-wire.js';
