/** Site structure → the search index and its browser client, written beside the search page. */
export { buildSearchIndex, type IndexOptions, type SearchIndexFiles } from './indexer.ts';
export { startSearchIndex, writeSearchIndex } from './write.ts';
export { PackedDocs } from './packed-docs.ts';
