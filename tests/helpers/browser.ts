/** The chromium the print tool launches, for browser tests. */
export { CHROMIUM, launchChromium as launchBrowser } from '../../src/print/index.ts';
