import { buildPage } from '#web/scripts/build-if-stale.js';

/** The browser tests drive the page as built for `npm start`: build it once per run, fresh. */
export async function setup(): Promise<void> {
  await buildPage();
}
