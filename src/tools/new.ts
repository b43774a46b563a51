/**
 * `npm run new`: asks in a terminal; elsewhere takes flags. Prints the path of the new item.
 */
import { readFlags, today } from './cli.ts';
import { newItem } from './new-item.ts';

const USAGE = `用法：npm run new [-- 选项]
  在终端中运行时逐项询问；也可用选项直接给出：
  --title 标题  --category 栏目  --body "第一段正文"
  --unit 来源单位（省略即编印单位自己的信息）  --date 年-月-日（默认今天）
  --issue 年/期号（默认本周这一期，新的一周自动新建）
  --content 目录（默认 content）  --today 年-月-日（默认今天，北京时间）`;

const { values } = readFlags(
  {
    title: { type: 'string' },
    unit: { type: 'string' },
    category: { type: 'string' },
    date: { type: 'string' },
    issue: { type: 'string' },
    body: { type: 'string' },
    content: { type: 'string', default: 'content' },
    today: { type: 'string' },
  },
  USAGE,
);

const interactive = process.stdin.isTTY && process.stdout.isTTY;
try {
  process.exitCode = await newItem(
    { ...values, contentDir: values.content, root: process.cwd(), today: today(values.today, USAGE) },
    (line) => console.log(line),
    interactive ? { input: process.stdin, output: process.stdout } : undefined,
  );
} catch (error) {
  // Ctrl+C in a prompt: inquirer's documented way to tell it is the error's name.
  const cancelled = error instanceof Error && error.name === 'ExitPromptError';
  console.log(cancelled ? '已取消，没有写入任何文件。' : `新建失败：${(error as Error).message}`);
  process.exitCode = 1;
}
