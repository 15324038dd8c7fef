import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDemo } from '../../demo/create-demo.js';
import { t, type CliContext } from '../cli-context.js';
import { EXIT } from '../cli-error.js';

/** `jinka demo [--out DIR]`: creates the demo authority, cards and a terminal data folder, then says what to try. */
export async function demoCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } }, strict: true });
  const outDir = resolve(values.out ?? '.jinka-demo');
  const demo = await createDemo(outDir);
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  const data = rel(demo.dataDir);
  const card = (file: string) => `"$(cat ${rel(demo.cards.find((c) => c.file === file)?.tokenPath ?? '')})"`;
  ctx.out(t(ctx, `演示数据已生成（全部为演示密钥，标记 DEMO，不可用于真实发卡）：${rel(outDir)}`, `Demo data written (DEMO keys only, never for real cards): ${rel(outDir)}`));
  ctx.out(t(ctx, '样卡（令牌 .jwt 与二维码 .png）：', 'Sample cards (token .jwt and QR .png):'));
  for (const c of demo.cards) ctx.out(`  ${rel(c.qrPath).padEnd(36)} ${c.label}`);
  ctx.out('');
  ctx.out(t(ctx, '试一试：', 'Try:'));
  const lines = [
    [t(ctx, '金卡A 看电影（剩余次数随登记减少）', 'Gold card A at the cinema (quota counts down)'), `npx jinka verify ${card('gold-a')} --service cinema --record --data-dir ${data}`],
    [t(ctx, '金卡C 去看电影（第三十一条：C卡不含）', 'Gold card C at the cinema (Art. 31: not included)'), `npx jinka verify ${card('gold-c')} --service cinema --data-dir ${data}`],
    [t(ctx, '惠才卡 带家人乘车', 'Huicai card on the bus with family'), `npx jinka verify ${card('huicai')} --service bus --companions spouse=1,child=2 --ticket K1234 --record --data-dir ${data}`],
    [t(ctx, '已收回的卡', 'A revoked card'), `npx jinka verify ${card('revoked')} --service gym --data-dir ${data}`],
    [t(ctx, '伪造的卡', 'A forged card'), `npx jinka verify ${card('forged')} --service scenic --json --data-dir ${data}`],
    [t(ctx, '终端状态与审计链', 'Terminal status and audit chain'), `npx jinka status --data-dir ${data} && npx jinka audit verify --data-dir ${data}`],
  ];
  for (const [what, cmd] of lines) ctx.out(`  # ${what}\n  ${cmd}`);
  ctx.out('');
  ctx.out(t(ctx, '柜台界面：npm run start:web（浏览器）或 npm start（Electron）；登录 op1 / 1234，主管 admin / 999999', 'Counter screen: npm run start:web (browser) or npm start (Electron); sign in as op1 / 1234, supervisor admin / 999999'));
  return EXIT.ok;
}
