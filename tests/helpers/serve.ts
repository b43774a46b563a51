/** The static server the print tool uses, for browser tests. */
export { serve, type StaticServer } from '../../src/print/index.ts';
