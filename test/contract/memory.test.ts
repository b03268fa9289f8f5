import { createMemoryRepositories } from '../../src/infra/memory/index.js';
import { describeRepositoryContract } from './repositories.contract.js';

describeRepositoryContract('in-memory', async () => ({
  repositories: createMemoryRepositories(),
  cleanup: async () => {},
}));
