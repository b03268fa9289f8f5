// The workers' module when the app runs from TypeScript sources (tests, `npm run dev`): worker threads do not
// inherit tsx's loader, so it is registered here before the tasks are imported. Built code loads cpu-tasks.js.
import { register } from 'tsx/esm/api';

register();
const tasks = import('./cpu-tasks.ts');

export const extract = async (task) => (await tasks).extract(task);
export const generateOffline = async (task) => (await tasks).generateOffline(task);
