/** The build cache's files and the hashes that version them, so that no cache serves stale output; the bundled worker threads. */
export { workerAnswer } from './worker.ts';
export { currentCodeVersion, hashTree, outputSalt } from './hash.ts';
export { readCached, removeCached, removeOtherVersions, versionedName, writeCached, writeVersioned } from './store.ts';
export { readSegments, writeSegments, type SegmentedMap } from './segments.ts';
