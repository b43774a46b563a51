/**
 * A small valid content tree for the clerk checks and tools: settings, both lists and the issue
 * 2021/03 (dated 2021-01-25) with no items yet. Tests lay their own files over it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OFFICE } from './content.ts';
import { makeTempDir, writeTree, type Tree } from './tree.ts';

/** File text from its lines: the first argument is line 1. */
export const lines = (...text: string[]): string => `${text.join('\n')}\n`;

export const BASE_TREE: Tree = {
  'content/_data/site.yaml': lines('title: 工作动态', `office: ${OFFICE}`, 'url: https://bulletin.example.gov.cn/'),
  'content/_data/units.yaml': lines('- name: 通航试验区管委会', '  aliases: [通航试验区]', '- name: 济源路街道', '  aliases: [济源路街道办事处, 济源路办事处]'),
  'content/_data/categories.yaml': lines('- name: 疫情防控', '- name: 项目建设', '- name: 基层动态'),
  'content/2021/03/index.md': lines('---', 'date: 2021-01-25', '---'),
};

/** An item file: front-matter fields in the order given, then the body. */
export function itemFile(fields: Record<string, string>, body = '会议要求压实责任。'): string {
  return lines('---', ...Object.entries(fields).map(([key, value]) => `${key}: ${value}`), '---', '', body);
}

/** A valid item of 2021/03 with `title`. */
export const goodItem = (title: string) => itemFile({ title, date: '2021-01-23', category: '疫情防控' });

export interface ClerkTree {
  /** The temp folder (the project root the diagnostics name files from). */
  root: string;
  /** Its `content` folder. */
  content: string;
}

/** BASE_TREE with `files` laid over it; Uint8Array values are written as bytes. */
export async function clerkTree(files: Record<string, string | Uint8Array> = {}): Promise<ClerkTree> {
  const root = await makeTempDir('bulletin-clerk-');
  const text: Tree = { ...BASE_TREE };
  const bytes: [string, Uint8Array][] = [];
  for (const [file, value] of Object.entries(files)) {
    if (typeof value === 'string') text[file] = value;
    else bytes.push([file, value]);
  }
  await writeTree(root, text);
  for (const [file, value] of bytes) {
    const target = path.join(root, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, value);
  }
  return { root, content: path.join(root, 'content') };
}
