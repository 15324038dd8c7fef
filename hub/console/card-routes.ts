import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  cardListQuerySchema,
  cardNumberSchema,
  findByIdRequestSchema,
  issueCardRequestSchema,
  reissueCardRequestSchema,
  revokeCardRequestSchema,
} from '../../shared/console/card-api.js';
import { idNumberProblem, normalizeIdNumber } from '../../shared/console/card-holder-checks.js';
import { shanghaiDaysRange } from '../../shared/time/shanghai-calendar.js';
import { cardForIdNumber, issueCards, reissueCard, revokeCards, type CardActionError } from '../issue/card-issuer.js';
import type { SheetFont } from '../issue/card-sheet-pdf.js';
import { checkHolder } from '../issue/roster.js';
import type { HubRepos, StoredCard } from '../store/hub-store.js';
import { qrDownload, sheetDownload, tokensDownload } from './card-downloads.js';
import { cardDetail, cardStatus, cardView } from './card-views.js';
import { ConsoleRefusal, consoleRoute, type ConsoleContext } from './console-route.js';

const subParams = z.strictObject({ sub: cardNumberSchema });
const bySub = (p: { sub: string }): string => p.sub;
const WRITERS = ['admin', 'officer'] as const;
const READERS = ['admin', 'officer', 'auditor'] as const;
/** The sheet (it prints the QR), the QR and the token are working credentials: those who hand cards out, not auditors, who read. */
const HANDERS_OUT = WRITERS;

const ACTION_STATUS: Record<CardActionError['code'], number> = { UNKNOWN_CARD: 404, ALREADY_REVOKED: 409, EXPIRED: 409, DUPLICATE_NUMBER: 409 };

/** A refusal of revoke or re-issue (hub/issue/card-issuer.ts) as the console answers it. */
function actionRefusal(error: CardActionError): ConsoleRefusal {
  const code = error.code === 'UNKNOWN_CARD' ? 'NOT_FOUND' : error.code === 'DUPLICATE_NUMBER' ? 'EXISTS' : error.code;
  return new ConsoleRefusal(ACTION_STATUS[error.code], code, error.message);
}

/** This hub's card, or a 404 refusal. */
export async function ourCard(repos: HubRepos, iss: string, sub: string): Promise<StoredCard> {
  const card = await repos.cards.get(sub);
  if (card === undefined || card.iss !== iss) throw new ConsoleRefusal(404, 'NOT_FOUND', `no card ${sub} was issued by this hub`);
  return card;
}

/**
 * A card whose sheet, QR or token may be handed out: in force, or issued and not yet valid.
 * A revoked (Art. 34), replaced or expired card's token is still a signed credential until every
 * terminal holds the revocation; handing it out again serves nobody, so the hub refuses.
 */
async function downloadableCard(repos: HubRepos, iss: string, sub: string, nowSec: number): Promise<StoredCard> {
  const card = await ourCard(repos, iss, sub);
  const status = cardStatus(card, nowSec);
  if (status === 'revoked' || status === 'expired') throw new ConsoleRefusal(409, 'CARD_NOT_IN_FORCE', `card ${sub} is ${card.replacedBy === null ? status : `replaced by ${card.replacedBy}`}: nothing of it is handed out`);
  return card;
}

/** Art. 34: the card number typed again must be the card's, so a revocation is never one click on the wrong row. */
function confirmed(sub: string, confirmSub: string): void {
  if (confirmSub !== sub) throw new ConsoleRefusal(400, 'CONFIRMATION_MISMATCH', `type the card number ${sub} again to confirm`);
}

/**
 * The console's card routes (README "The bureau's console", Cards; contract in
 * shared/console/card-api.ts). Every rule is hub/issue/'s: this file reads requests and answers.
 * A holder's ID number arrives only in a POST body, is hashed with the hub's key and is
 * never answered, stored or logged; the staff log names the card found or changed.
 */
export function registerCardRoutes(app: FastifyInstance, ctx: ConsoleContext, font: SheetFont): void {
  const { hub } = ctx;
  const iss = hub.settings.iss;

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards',
    action: 'cards.list',
    roles: READERS,
    query: cardListQuerySchema,
    handle: async ({ tx, query }) => {
      const nowSec = hub.nowSec();
      const issued = shanghaiDaysRange(query.issuedFrom, query.issuedTo);
      const { cards, total } = await tx.cards.search({
        nowSec,
        offset: query.offset,
        limit: query.limit,
        ...(query.tier === undefined ? {} : { tier: query.tier }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(issued.fromMs === undefined ? {} : { issuedFromMs: issued.fromMs }),
        ...(issued.toMs === undefined ? {} : { issuedToMs: issued.toMs }),
      });
      return { body: { cards: cards.map((c) => cardView(c, nowSec)), total, offset: query.offset, limit: query.limit } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/cards/find-by-id',
    action: 'cards.find-by-id',
    roles: READERS,
    readOnly: true,
    selfContained: true,
    body: findByIdRequestSchema,
    handle: async ({ body }) => {
      if (idNumberProblem(body.idNumber) !== undefined) throw new ConsoleRefusal(400, 'HOLDER_INVALID', idNumberProblem(body.idNumber) as string);
      const card = await cardForIdNumber(hub, normalizeIdNumber(body.idNumber));
      return { body: { card: card === undefined ? null : cardView(card, hub.nowSec()) }, target: card?.sub ?? null, outcome: card === undefined ? 'none' : 'ok' };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/cards/issue',
    action: 'cards.issue',
    roles: WRITERS,
    selfContained: true,
    body: issueCardRequestSchema,
    handle: async ({ body }) => {
      const checked = checkHolder(0, { name: body.name, idNumber: body.idNumber, category: String(body.category), validFrom: body.validFrom, validUntil: body.validUntil });
      if (!checked.ok) throw new ConsoleRefusal(400, 'HOLDER_INVALID', checked.errors.map((e) => e.message).join('; '));
      const current = await cardForIdNumber(hub, checked.holder.idNumber);
      if (current !== undefined) throw new ConsoleRefusal(409, 'HOLDER_HAS_CARD', `this holder already has card ${current.sub}: re-issue that card instead`);
      const issued = await issueCards(hub, [checked.holder]);
      if (!issued.ok) throw new ConsoleRefusal(400, 'HOLDER_INVALID', issued.error.map((e) => e.message).join('; '));
      const card = issued.value[0] as StoredCard;
      return { body: { card: cardView(card, hub.nowSec()) }, status: 201, target: card.sub };
    },
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/:sub',
    action: 'cards.show',
    roles: READERS,
    params: subParams,
    targetOf: bySub,
    handle: async ({ tx, params }) => ({ body: await cardDetail(hub, tx, await ourCard(tx, iss, params.sub)) }),
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/:sub/sheet.pdf',
    action: 'cards.download.sheet',
    roles: HANDERS_OUT,
    params: subParams,
    targetOf: bySub,
    logRead: true,
    selfContained: true,
    handle: async ({ params, reply }) => {
      const card = await downloadableCard(hub.store, iss, params.sub, hub.nowSec());
      return sheetDownload([card], font, hub.settings.demo, `${card.sub}.pdf`, reply, card.sub);
    },
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/:sub/qr.png',
    action: 'cards.download.qr',
    roles: HANDERS_OUT,
    params: subParams,
    targetOf: bySub,
    logRead: true,
    selfContained: true,
    handle: async ({ params, reply }) => qrDownload(await downloadableCard(hub.store, iss, params.sub, hub.nowSec()), reply),
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/cards/:sub/token.txt',
    action: 'cards.download.token',
    roles: HANDERS_OUT,
    params: subParams,
    targetOf: bySub,
    logRead: true,
    selfContained: true,
    handle: async ({ params, reply }) => {
      const card = await downloadableCard(hub.store, iss, params.sub, hub.nowSec());
      return tokensDownload([card], `${card.sub}.txt`, reply, card.sub);
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/cards/:sub/revoke',
    action: 'cards.revoke',
    roles: WRITERS,
    params: subParams,
    targetOf: bySub,
    selfContained: true,
    body: revokeCardRequestSchema,
    handle: async ({ params, body }) => {
      confirmed(params.sub, body.confirmSub);
      await ourCard(hub.store, iss, params.sub);
      const revoked = await revokeCards(hub, [params.sub], body.reason);
      if (!revoked.ok) throw actionRefusal(revoked.error);
      const card = await ourCard(hub.store, iss, params.sub);
      return { body: { card: cardView(card, hub.nowSec()), revocationSeq: revoked.value.seq } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/cards/:sub/reissue',
    action: 'cards.reissue',
    roles: WRITERS,
    params: subParams,
    targetOf: bySub,
    selfContained: true,
    body: reissueCardRequestSchema,
    handle: async ({ params, body }) => {
      confirmed(params.sub, body.confirmSub);
      const result = await reissueCard(hub, params.sub, body.reason);
      if (!result.ok) throw actionRefusal(result.error);
      const nowSec = hub.nowSec();
      const replaced = await ourCard(hub.store, iss, params.sub);
      return {
        body: { card: cardView(result.value.card, nowSec), replaced: cardView(replaced, nowSec), revocationSeq: result.value.seq },
        status: 201,
        target: `${params.sub} -> ${result.value.card.sub}`,
      };
    },
  });
}
