/** The content stage's door for browser bundles: only modules that need no Node API. */
export { DRAFT_KEYS, itemText, splitItem, trimBody, type ItemDraft, type ItemParts } from './item-text.ts';
export { fileOrder, fileSlug, issuePlace, itemFileName, toSlug } from './slug.ts';
