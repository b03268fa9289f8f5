/** The real composition root through app.request on the PostgreSQL server (skipped loudly without one). */
import { createTestDatabase } from '../support/postgres.js';
import { describeWiring } from './real-wiring-suite.js';

describeWiring('PostgreSQL server', () => createTestDatabase());
