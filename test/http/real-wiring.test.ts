/** The real composition root through app.request on the embedded PGlite database (the default). */
import { describeWiring } from './real-wiring-suite.js';

describeWiring('embedded PGlite', async () => undefined);
