/** `npm run import -- <file> [--issue 2021/03] [--year 2021]` */
import { readFlags, today, USAGE_ERROR } from './cli.ts';
import { importBulletin } from './import/run.ts';

const USAGE = `用法：npm run import -- 文件 [选项]
  文件               简报的 PDF、Word/WPS 的 .docx，或从 PDF 复制出的文字（.txt）
  --issue 年/期号    写入哪一期，如 2021/03（默认取报头的期号和日期；没有报头时为本周这一期）
  --year 年份        报头期号所属的年份，及正文中“1月23日”一类日期的年份（默认为该期的年份）
  --content 目录     内容目录，默认 content
  --today 年-月-日   按这一天决定本周是哪一期，默认今天（北京时间）`;

const { values, positionals } = readFlags(
  {
    issue: { type: 'string' },
    year: { type: 'string' },
    content: { type: 'string', default: 'content' },
    today: { type: 'string' },
  },
  USAGE,
  true,
);
if (positionals.length !== 1) {
  console.error(`请给出一个要导入的文件。\n${USAGE}`);
  process.exit(USAGE_ERROR);
}

try {
  process.exitCode = await importBulletin(
    { file: positionals[0]!, contentDir: values.content, root: process.cwd(), today: today(values.today, USAGE), issue: values.issue, year: values.year },
    (line) => console.log(line),
  );
} catch (error) {
  console.log(`导入中断：${(error as Error).message}。已创建的文件都是完整的，其余没有写入。`);
  process.exitCode = 1;
}
