import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { createHubDemo } from '../../demo/create-hub-demo.js';
import { DEFAULT_CJK_FONT } from '../../issue/card-sheet-pdf.js';
import { HUB_EXIT, HubCliError, parseCommand, t, type HubCliContext } from '../hub-cli.js';
import { SERVE_OPTIONS, serveHub } from './serve-command.js';

/**
 * `demo [--dir DIR] [--no-serve] [serve options]`: one command to a running demo hub — DEMO
 * keys, sample cards, bundles, enrolment codes — served on 127.0.0.1.
 */
export async function demoCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, { ...SERVE_OPTIONS, dir: { type: 'string' }, 'no-serve': { type: 'boolean' }, font: { type: 'string' } });
  if (values['data-dir'] !== undefined) throw new HubCliError({ code: 'DEMO_TAKES_DIR' });
  const dir = resolve(values.dir ?? '.jinka-hub-demo');
  const fontPath = values.font ?? ctx.env.JINKA_HUB_FONT ?? DEFAULT_CJK_FONT;
  const font = existsSync(fontPath) ? { path: fontPath } : undefined;
  if (font === undefined) ctx.err(`jinka-hub: no CJK font at ${fontPath} (install fonts-noto-cjk or pass --font): the demo goes on without the PDF sheet`);
  let demo;
  try {
    demo = await createHubDemo(dir, font);
  } catch (e) {
    throw new HubCliError({ code: 'DEMO_FAILED', detail: e instanceof Error ? e.message : String(e) });
  }
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  try {
    ctx.out(t(ctx, `演示中心已生成（全部为演示密钥，标记 DEMO，不可用于真实发卡）：${rel(dir)}`, `Demo hub written (DEMO keys only, never for real cards): ${rel(dir)}`));
    ctx.out(t(ctx, `口令文件：${rel(demo.passphraseFile)}；数据：${rel(demo.dataDir)}`, `Passphrase file: ${rel(demo.passphraseFile)}; data: ${rel(demo.dataDir)}`));
    ctx.out(t(ctx, `样卡（令牌 .jwt、二维码 .png${demo.pdf ? '、打印页 cards.pdf' : ''}）：${rel(demo.cardsDir)}`, `Sample cards (token .jwt, QR .png${demo.pdf ? ', print sheet cards.pdf' : ''}): ${rel(demo.cardsDir)}`));
    for (const card of demo.cards) ctx.out(`  ${card.sub.padEnd(20)} ${card.label}`);
    ctx.out(t(ctx, '一次性注册码（24 小时内有效）：', 'One-time enrolment codes (valid 24 h):'));
    for (const c of demo.codes) ctx.out(`  ${c.code}  ${c.site} / ${c.service}`);
    const origin = `http://${values.host ?? '127.0.0.1'}:${values.port ?? '8443'}`;
    const consoleUrl = `${origin}/console/`;
    ctx.out(
      t(
        ctx,
        `控制台：${consoleUrl}  演示管理员 ${demo.admin.id} / ${demo.admin.password}`,
        `Console: ${consoleUrl}  demo admin ${demo.admin.id} / ${demo.admin.password}`,
      ),
    );
    const hubOpts = `--data-dir ${rel(demo.dataDir)} --passphrase-file ${rel(demo.passphraseFile)}`;
    ctx.out('');
    ctx.out(t(ctx, '试一试（另开一个终端窗口）：', 'Try (in another shell):'));
    ctx.out(`  npx jinka init --trust ${rel(demo.publishDir)}/provision/trust.json --data-dir .t1 && npx jinka import ${rel(demo.publishDir)}/bundles.jwt --data-dir .t1`);
    ctx.out(`  npx jinka enrol --hub http://127.0.0.1:${values.port ?? '8443'} --code ${demo.codes[0]?.code ?? ''} --service cinema --data-dir .t1`);
    ctx.out(`  npx jinka verify "$(cat ${rel(demo.cardsDir)}/${demo.cards[0]?.sub ?? ''}.jwt)" --service cinema --record --data-dir .t1 && npx jinka sync now --data-dir .t1`);
    ctx.out(`  npx jinka-hub report ${hubOpts}`);
    ctx.out(`  npx jinka-hub revoke ${demo.cards[0]?.sub ?? ''} --reason "演示" ${hubOpts}`);
    if (values['no-serve'] === true) return HUB_EXIT.ok;
    // The console's enrolment QR names the demo hub as this machine reaches it.
    return await serveHub(ctx, demo.hub, { ...values, 'public-url': values['public-url'] ?? origin });
  } finally {
    await demo.hub.close();
  }
}
