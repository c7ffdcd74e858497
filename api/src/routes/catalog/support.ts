import type { Context } from 'hono';
import { z } from 'zod';
import {
  currencySchema, dropStatusAt, type CreatorDto, type DropDto, type DropSummaryDto, type ItemDto,
} from '../../../../domain/catalog';
import { apiErrorCodes } from '../../../../domain/errors';
import type { Creator, Drop, Item } from '../../../../generated/prisma/client';
import type { Database } from '../../../../platform/database';
import type { AccessTokens } from '../../auth/access-tokens';
import { HttpError, httpErrors } from '../../http/errors';

// Shared by the creators and catalog routes: query and path validation, the opaque
// list cursor, row -> DTO mapping and the loaders that attach an owner for authorize().

export interface CatalogDeps {
  db: Database;
  accessTokens: AccessTokens;
}

export const invalid = (path: string, message: string) =>
  new HttpError(422, apiErrorCodes.validation, 'The request is invalid', [{ path, message }]);

/** Validates the query string like readJsonBody validates a body: 422 with details. */
const uuid = z.uuid();

/** The `:id` path parameter; something that is not a UUID names nothing, so 404. */
export function idParam(c: Context): string {
  const parsed = uuid.safeParse(c.req.param('id'));
  if (!parsed.success) throw httpErrors.notFound();
  return parsed.data;
}

/** Docs carry OpenAPI paths (`/v1/drops/{id}`); Hono routes use `:id`. */
export const routePath = (docPath: string) => docPath.replace(/\{(\w+)\}/g, ':$1');

// ---- cursor: keyset on (saleStartsAt desc, id desc), opaque to clients -------------

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);
export interface DropCursor {
  saleStartsAt: Date;
  id: string;
}

export function encodeCursor(drop: DropCursor): string {
  return Buffer.from(JSON.stringify([drop.saleStartsAt.toISOString(), drop.id])).toString('base64url');
}

export function decodeCursor(cursor: string): DropCursor {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor', 'is not a cursor returned by this list');
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) throw invalid('cursor', 'is not a cursor returned by this list');
  return { saleStartsAt: new Date(parsed.data[0]), id: parsed.data[1] };
}

// ---- DTOs ---------------------------------------------------------------------------

export function toCreatorDto(creator: Creator): CreatorDto {
  return {
    id: creator.id,
    displayName: creator.displayName,
    chargesEnabled: creator.chargesEnabled,
    payoutsEnabled: creator.payoutsEnabled,
    createdAt: creator.createdAt.toISOString(),
  };
}

export function toItemDto(item: Item): ItemDto {
  return {
    id: item.id,
    dropId: item.dropId,
    name: item.name,
    priceCents: item.priceCents,
    currency: currencySchema.parse(item.currency),
    supply: item.supply,
    available: item.available,
  };
}

export function toDropSummaryDto(drop: Drop, now: Date): DropSummaryDto {
  return {
    id: drop.id,
    creatorId: drop.creatorId,
    name: drop.name,
    description: drop.description,
    mediaUrl: drop.mediaUrl,
    saleStartsAt: drop.saleStartsAt.toISOString(),
    saleEndsAt: drop.saleEndsAt?.toISOString() ?? null,
    perBuyerLimit: drop.perBuyerLimit,
    status: dropStatusAt(drop, now),
    createdAt: drop.createdAt.toISOString(),
  };
}

export function toDropDto(drop: Drop & { items: Item[] }, now: Date): DropDto {
  return { ...toDropSummaryDto(drop, now), items: drop.items.map(toItemDto) };
}

export const itemOrder = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

// ---- loaders for authorize(): the owner of a drop or item is its creator's user -----

export async function loadDropWithOwner(db: Database, id: string) {
  const drop = await db.drop.findUnique({ where: { id }, include: { creator: { select: { userId: true } } } });
  return drop && { ...drop, ownerId: drop.creator.userId };
}

export async function loadItemWithOwner(db: Database, id: string) {
  const item = await db.item.findUnique({ where: { id }, include: { drop: { select: { creator: { select: { userId: true } } } } } });
  return item && { ...item, ownerId: item.drop.creator.userId };
}
