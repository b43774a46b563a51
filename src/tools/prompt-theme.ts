/**
 * The terminal prompts of `npm run new` in Chinese: @inquirer/prompts writes its key hints
 * (“↑↓ navigate • ⏎ select”) and the search prompt's “No results found” in English, through its
 * theme's `keysHelpTip` and `error` styles, which are replaced here.
 */
import { styleText } from 'node:util';

const ACTIONS: Readonly<Record<string, string>> = { navigate: '上下选择', select: '确定', submit: '确定', toggle: '勾选', all: '全选', invert: '反选' };

const keysHelpTip = (keys: [string, string][]) => keys.map(([key, action]) => `${styleText('bold', key)} ${styleText('dim', ACTIONS[action] ?? action)}`).join(styleText('dim', ' • '));

/** For the prompts that show key hints (select, search). */
export const CHINESE_PROMPTS = { style: { keysHelpTip } };

/** The unit search: nothing found is not a dead end, it says how a new unit gets on the list. */
export const unitSearchTheme = {
  style: {
    keysHelpTip,
    error: (text: string) =>
      styleText(
        'red',
        `> ${text === 'No results found' ? '名单中没有这个单位：请换几个字再试（也可输入简称）。如果是新的来源单位，请管理员把它加入 content/_data/units.yaml，或先选编印单位，稍后在文件中改写 unit' : text}`,
      ),
  },
};
