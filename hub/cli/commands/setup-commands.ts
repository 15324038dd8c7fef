import { DEFAULT_RULES_INPUT } from '../../../shared/rules/default-rules.js';
import { rulesSchema, type RulesInput } from '../../../shared/rules/rules-schema.js';
import { formatShanghai } from '../../../shared/time/shanghai-calendar.js';
import { BUREAU_SETTINGS } from '../../hub.js';
import { initHub } from '../../hub-init.js';
import { describeDatabase } from '../../store/postgres/pg-database.js';
import { declareKeyCompromised } from '../../keys/key-compromise.js';
import { createIssuerKey, publishedKeys, trustKeyOf } from '../../keys/key-ring.js';
import { putForeignIssuer, readIssuerKeys, relayRevocations } from '../../publish/foreign-issuers.js';
import { publishRules, refreshTrust } from '../../publish/versioned-bundles.js';
import { HUB_EXIT, HubCliError, hubDatabaseUrl, hubDataDir, parseCommand, readInput, readPassphrase, t, withHub, type HubCliContext } from '../hub-cli.js';

function readRules(path: string): RulesInput {
  let json: unknown;
  try {
    json = JSON.parse(readInput(path));
  } catch (e) {
    if (e instanceof HubCliError) throw e;
    throw new HubCliError({ code: 'RULES_NOT_JSON', file: path });
  }
  // A rules file may be the rules object itself or a {"rules": …} wrapper.
  const candidate = typeof json === 'object' && json !== null && 'rules' in json ? (json).rules : json;
  const parsed = rulesSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubCliError({ code: 'RULES_INVALID', file: path, detail: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid rules' });
  }
  return candidate as RulesInput;
}

/** `init [--rules FILE] [--bureau-name NAME]`: creates the hub, its first key, rules v1 and trust v1. */
export async function initCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, { rules: { type: 'string' }, 'bureau-name': { type: 'string' } });
  const passphrase = readPassphrase(values['passphrase-file'], ctx.env);
  const dataDir = hubDataDir(values['data-dir'], ctx.env);
  const rules = values.rules === undefined ? DEFAULT_RULES_INPUT : readRules(values.rules);
  const databaseUrl = hubDatabaseUrl(values.database, ctx.env);
  const hub = await initHub(dataDir, passphrase, { rules, settings: { bureauName: values['bureau-name'] ?? BUREAU_SETTINGS.bureauName }, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
  const where = databaseUrl === undefined ? dataDir : describeDatabase(databaseUrl);
  try {
    const key = await hub.signer();
    const trustKid = trustKeyOf(await hub.store.keys.list(), hub.settings.iss)?.kid ?? '';
    ctx.out(t(ctx, `已创建中心：${where}`, `Hub created in ${where}`));
    ctx.out(t(ctx, `签名密钥 ${key.kid}（卡与名单）、信任密钥 ${trustKid}（仅信任列表），私钥以口令加密保存；规则版本 1；信任列表版本 1；收回列表序号 1`, `Signing key ${key.kid} (cards and lists) and trust key ${trustKid} (trust lists only), private keys sealed under the passphrase; rules version 1; trust version 1; revocation sequence 1`));
  } finally {
    await hub.close();
  }
  return HUB_EXIT.ok;
}

/** `key create|rotate|rotate-trust|list|retire KID|compromised KID`. */
export async function keyCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCommand(rest, { json: { type: 'boolean' } }, action === 'retire' || action === 'compromised' ? 1 : 0);
  return withHub(ctx, values, async (hub) => {
    switch (action) {
      case 'create':
      case 'rotate': {
        const key = await createIssuerKey(hub.store, hub.settings.iss, readPassphrase(values['passphrase-file'], ctx.env), hub.now(), hub.settings.demo);
        const trust = await refreshTrust(hub);
        ctx.out(t(ctx, `新的当前签名密钥：${key.kid}`, `New current signing key: ${key.kid}`));
        ctx.out(t(ctx, `旧密钥继续发布，直到其签发的最后一张卡到期；信任列表版本 ${trust?.version ?? '未变'}`, `Older keys stay published until the last card they signed expires; trust version ${trust?.version ?? 'unchanged'}`));
        return HUB_EXIT.ok;
      }
      case 'rotate-trust': {
        const key = await createIssuerKey(hub.store, hub.settings.iss, readPassphrase(values['passphrase-file'], ctx.env), hub.now(), hub.settings.demo, 'trust');
        const trust = await refreshTrust(hub);
        ctx.out(t(ctx, `新的信任密钥：${key.kid}（信任列表版本 ${trust?.version ?? '未变'} 由旧信任密钥签署）`, `New trust key: ${key.kid} (trust version ${trust?.version ?? 'unchanged'}, signed by the trust key before it)`));
        return HUB_EXIT.ok;
      }
      case 'compromised': {
        const outcome = await declareKeyCompromised(hub, positionals[0] as string, readPassphrase(values['passphrase-file'], ctx.env));
        if (values.json === true) {
          ctx.out(JSON.stringify(outcome));
          return HUB_EXIT.ok;
        }
        if (outcome.newKid !== undefined) ctx.out(t(ctx, `新的当前签名密钥：${outcome.newKid}`, `New current signing key: ${outcome.newKid}`));
        ctx.out(t(ctx, `密钥 ${outcome.kid} 已作废并从信任列表删除（它签发的卡需重新制发）；信任列表版本 ${outcome.trustVersion} 重置计数：收回列表自序号 ${outcome.reset.revocations_from ?? '-'}、规则自版本 ${outcome.reset.rules_from ?? '-'} 起生效`, `Key ${outcome.kid} is dropped for good (re-issue the cards it signed); trust version ${outcome.trustVersion} resets the counters: revocation lists from sequence ${outcome.reset.revocations_from ?? '-'}, rules from version ${outcome.reset.rules_from ?? '-'}`));
        ctx.out(t(ctx, '各终端在下次同步（或导入 publish --out 的文件）时恢复。', 'Terminals recover at their next sync (or import of `publish --out`).'));
        return HUB_EXIT.ok;
      }
      case 'list': {
        const keys = await hub.store.keys.list();
        const published = new Set(publishedKeys(keys, hub.settings.iss, hub.nowSec()).map((k) => k.kid));
        if (values.json === true) {
          ctx.out(JSON.stringify(keys.map((k) => ({ kid: k.kid, iss: k.iss, role: k.role, current: k.current, published: published.has(k.kid), created: formatShanghai(k.createdMs), lastCardExp: k.lastCardExp || null, retired: k.retiredMs !== null, compromised: k.compromisedMs !== null }))));
          return HUB_EXIT.ok;
        }
        for (const k of keys) {
          const state = [k.role === 'trust' ? 'trust key' : '', k.current ? 'current' : '', published.has(k.kid) ? 'published' : 'not published', k.retiredMs !== null ? 'retired' : '', k.compromisedMs !== null ? 'COMPROMISED' : ''].filter(Boolean).join(', ');
          const lastCard = k.lastCardExp > 0 ? `, last card expires ${formatShanghai(k.lastCardExp * 1000)}` : '';
          ctx.out(`${k.kid.padEnd(24)} ${k.iss}  created ${formatShanghai(k.createdMs)}  [${state}]${lastCard}`);
        }
        return HUB_EXIT.ok;
      }
      case 'retire': {
        const kid = positionals[0] as string;
        if (!(await hub.store.keys.retire(kid, hub.now()))) throw new HubCliError({ code: 'KEY_NOT_RETIRABLE', kid });
        const trust = await refreshTrust(hub);
        ctx.out(t(ctx, `密钥 ${kid} 不再发布（它签发的卡将无法验证）；信任列表版本 ${trust?.version ?? '未变'}`, `Key ${kid} is no longer published (cards it signed stop verifying); trust version ${trust?.version ?? 'unchanged'}`));
        return HUB_EXIT.ok;
      }
      default:
        throw new HubCliError({ code: 'USAGE', command: 'key' });
    }
  });
}

/** `rules set FILE | show`: publishes a new rules version (Art. 39) or prints the rules in force. */
export async function rulesCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCommand(rest, {}, action === 'set' ? 1 : 0);
  if (action !== 'set' && action !== 'show') throw new HubCliError({ code: 'USAGE', command: 'rules' });
  const rules = action === 'set' ? readRules(positionals[0] ?? '') : undefined;
  return withHub(ctx, values, async (hub) => {
    if (rules === undefined) {
      const current = await hub.rules();
      ctx.out(JSON.stringify({ version: current.version, rules: current.rules }, null, 2));
      return HUB_EXIT.ok;
    }
    const bundle = await publishRules(hub, rules);
    ctx.out(t(ctx, `已发布规则版本 ${bundle.version}`, `Published rules version ${bundle.version}`));
    return HUB_EXIT.ok;
  });
}

/** `issuer add ISS --name NAME --keys FILE | relay FILE`: another issuer's keys in the trust list, or its revocation list passed on. */
export async function issuerCommand(ctx: HubCliContext, argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCommand(rest, { name: { type: 'string' }, keys: { type: 'string' } }, 1);
  const arg = positionals[0];
  if ((action !== 'add' && action !== 'relay') || arg === undefined) throw new HubCliError({ code: 'USAGE', command: 'issuer' });
  return withHub(ctx, values, async (hub) => {
    if (action === 'relay') {
      const relayed = await relayRevocations(hub, readInput(arg));
      if (!relayed.ok) throw new HubCliError({ code: 'RELAY_REFUSED', detail: relayed.error });
      ctx.out(t(ctx, `将转发 ${relayed.value.iss} 的收回列表（序号 ${relayed.value.seq}）`, `Relaying the revocation list of ${relayed.value.iss} (sequence ${relayed.value.seq})`));
      return HUB_EXIT.ok;
    }
    if (values.name === undefined || values.keys === undefined) throw new HubCliError({ code: 'OPTIONS_REQUIRED', command: 'issuer', flags: ['--name NAME', '--keys FILE'] });
    const keys = readIssuerKeys(arg, readInput(values.keys));
    if (!keys.ok) throw new HubCliError({ code: 'ISSUER_KEYS_REFUSED', detail: keys.error });
    const version = await putForeignIssuer(hub, { iss: arg, name: values.name, keys: keys.value });
    ctx.out(t(ctx, `已发布 ${arg} 的 ${keys.value.length} 个公钥；信任列表版本 ${version ?? '未变'}`, `Published ${keys.value.length} key(s) of ${arg}; trust version ${version ?? 'unchanged'}`));
    return HUB_EXIT.ok;
  });
}
