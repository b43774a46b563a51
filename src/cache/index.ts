/** The build cache's files and the hashes that version them, so that no cache serves stale output; the bundles the code runs from. */
export { bundleFor } from './bundle.mjs';
export { currentCodeVersion, hashTree, outputSalt } from './hash.ts';
export { readCached, removeCached, removeOtherVersions, versionedName, writeCached, writeVersioned } from './store.ts';
export { readSegments, writeSegments, type SegmentedMap } from './segments.ts';
