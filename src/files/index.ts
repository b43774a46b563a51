/** File-system helpers every stage shares: the one folder walk and atomic writes. */
export { isAlreadyThere, replaceFile, writeNewFile } from './atomic-write.ts';
export { listTree, walkTree, type TreeEntry } from './tree.ts';
