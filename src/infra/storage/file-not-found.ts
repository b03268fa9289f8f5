import { CoreError } from '../../core/index.js';

/** One message for every FileStorage, so a missing file reads the same on disk, in memory or in S3. */
export const fileNotFound = (): CoreError => new CoreError('not_found', 'The file of this document was not found.');
