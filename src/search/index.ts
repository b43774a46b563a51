/** Site structure → the search index and its browser client, written beside the search page. */
export { buildSearchIndex, type IndexOptions, type SearchIndexFiles } from './indexer.ts';
export { segmentFiles, type SegmentState } from './segment.ts';
export { readingsIn, replaceInPlace, saveReadings, startSearchIndex, writeSearchIndex } from './write.ts';
