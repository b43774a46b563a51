/** File-system helpers every stage shares: the one folder walk, atomic writes, removing a folder. */
export { isAlreadyThere, replaceFile, writeNewFile } from './atomic-write.ts';
export { listTree, walkTree, type TreeEntry } from './tree.ts';
export { removeTree } from './remove-tree.ts';
