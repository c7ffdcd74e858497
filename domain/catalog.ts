import { z } from 'zod';

// Catalog DTOs shared by the api (validation, OpenAPI) and the web client.

// ---- plain text -------------------------------------------------------------------
// Names and descriptions are plain text: no HTML at all. toPlainText is applied on
// write (by the schemas below), so whatever a client renders was already cleaned, and
// clients still render it as text, never as HTML.

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', colon: ':', sol: '/', tab: '\t', newline: '\n', lpar: '(', rpar: ')',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (match, body: string) => {
    if (!body.startsWith('#')) return NAMED_ENTITIES[body.toLowerCase()] ?? match;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '';
  });
}

// C0/C1 controls except tab and newline, zero-width and bidirectional-override characters.
const INVISIBLE = new RegExp('[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200b\\u200e\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff]', 'g');
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const SCRIPT_OR_STYLE = /<(script|style)\b[\s\S]*?(?:<\/\1[^>]*>|$)/gi;
const TAG = /<\/?[a-z](?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const DECLARATION = /<[!?][^>]*>/g;
const UNCLOSED_TAG = /<[a-z/!?][^>]*$/i;
const TAG_OPENER = /<(?=[a-z/!?])/gi;
const letters = (word: string) => word.split('').join('\\s*');
const SCRIPT_URL = new RegExp(`(?:${letters('javascript')}|${letters('vbscript')}|${letters('livescript')})\\s*:|data\\s*:\\s*text\\/html`, 'gi');

function cleanOnce(text: string): string {
  return decodeEntities(text)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(COMMENT, '')
    .replace(SCRIPT_OR_STYLE, '')
    .replace(TAG, '')
    .replace(DECLARATION, '')
    .replace(UNCLOSED_TAG, '')
    .replace(TAG_OPENER, '')
    .replace(SCRIPT_URL, '');
}

/**
 * Plain text from untrusted input: HTML comments, script/style blocks and every tag
 * (with its attributes, so event handlers go too) are removed, entities decoded (and
 * cleaned again, so encoded markup cannot survive), control and invisible characters
 * dropped, and `javascript:`-style URL schemes removed from the text. Repeated until
 * nothing changes, so nested tricks (`<scr<script>ipt>`) do not reassemble.
 */
export function toPlainText(input: string): string {
  let text = input;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = cleanOnce(text);
  }
  return text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}

const plainText = (max: number) => z.string().max(max).transform(toPlainText);
const requiredPlainText = (max: number) => plainText(max).pipe(z.string().min(1, 'must contain text (HTML is removed)'));
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(2000);
const datetime = z.iso.datetime();
const endsAfterStart = (drop: { saleStartsAt?: string; saleEndsAt?: string | null }) =>
  !drop.saleStartsAt || !drop.saleEndsAt || Date.parse(drop.saleEndsAt) > Date.parse(drop.saleStartsAt);
const notEmpty = (body: object) => Object.keys(body).length > 0;

// ---- pagination -------------------------------------------------------------------

export const currencySchema = z.enum(['usd', 'eur', 'gbp']);
export const paginationSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type Pagination = z.infer<typeof paginationSchema>;
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// ---- creators ---------------------------------------------------------------------

export const createCreatorSchema = z.strictObject({ displayName: requiredPlainText(80) });
export type CreateCreatorRequest = z.input<typeof createCreatorSchema>;

/** The public view of a creator: no user id, no Stripe account. */
export const creatorSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  createdAt: datetime,
});
export type CreatorDto = z.infer<typeof creatorSchema>;

// ---- drops ------------------------------------------------------------------------

export const createDropSchema = z
  .strictObject({
    name: requiredPlainText(120),
    description: plainText(5000),
    mediaUrl: httpsUrl,
    saleStartsAt: datetime,
    saleEndsAt: datetime.nullable().default(null),
    perBuyerLimit: z.number().int().min(1).max(100).default(1),
    creatorId: z.uuid().optional().describe('Admins only: the creator the drop belongs to (default: your own creator profile)'),
  })
  .refine(endsAfterStart, { message: 'saleEndsAt must be after saleStartsAt', path: ['saleEndsAt'] });
export type CreateDropRequest = z.input<typeof createDropSchema>;

export const updateDropSchema = z
  .strictObject({
    name: requiredPlainText(120),
    description: plainText(5000),
    mediaUrl: httpsUrl,
    saleStartsAt: datetime,
    saleEndsAt: datetime.nullable(),
    perBuyerLimit: z.number().int().min(1).max(100),
  })
  .partial()
  .refine(notEmpty, { message: 'change at least one field' })
  .refine(endsAfterStart, { message: 'saleEndsAt must be after saleStartsAt', path: ['saleEndsAt'] });
export type UpdateDropRequest = z.input<typeof updateDropSchema>;

export const dropStatusSchema = z.enum(['upcoming', 'live', 'ended']);
export type DropStatus = z.infer<typeof dropStatusSchema>;

/** upcoming before saleStartsAt, ended from saleEndsAt on, live in between (or forever without an end). */
export function dropStatusAt(drop: { saleStartsAt: Date; saleEndsAt: Date | null }, now: Date): DropStatus {
  if (drop.saleEndsAt && drop.saleEndsAt.getTime() <= now.getTime()) return 'ended';
  return drop.saleStartsAt.getTime() > now.getTime() ? 'upcoming' : 'live';
}

// ---- items ------------------------------------------------------------------------

export const createItemSchema = z.strictObject({
  name: requiredPlainText(120),
  priceCents: z.number().int().min(50).max(10_000_000),
  currency: currencySchema,
  supply: z.number().int().min(1).max(1_000_000),
});
export type CreateItemRequest = z.input<typeof createItemSchema>;

/** Only name and price change; supply and currency are fixed when the item is created. */
export const updateItemSchema = z
  .strictObject(
    { name: requiredPlainText(120), priceCents: z.number().int().min(50).max(10_000_000) },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' && issue.keys.some((key) => key === 'supply' || key === 'currency')
          ? 'supply and currency cannot change after the item is created'
          : undefined,
    },
  )
  .partial()
  .refine(notEmpty, { message: 'change at least one field' });
export type UpdateItemRequest = z.input<typeof updateItemSchema>;

export const itemSchema = z.object({
  id: z.uuid(),
  dropId: z.uuid(),
  name: z.string(),
  priceCents: z.number().int(),
  currency: currencySchema,
  supply: z.number().int(),
  available: z.number().int(),
});
export type ItemDto = z.infer<typeof itemSchema>;

export const dropSummarySchema = z.object({
  id: z.uuid(),
  creatorId: z.uuid(),
  name: z.string(),
  description: z.string(),
  mediaUrl: z.string(),
  saleStartsAt: datetime,
  saleEndsAt: datetime.nullable(),
  perBuyerLimit: z.number().int(),
  status: dropStatusSchema,
  createdAt: datetime,
});
export type DropSummaryDto = z.infer<typeof dropSummarySchema>;

export const dropSchema = dropSummarySchema.extend({ items: z.array(itemSchema) });
export type DropDto = z.infer<typeof dropSchema>;

export const dropFiltersSchema = paginationSchema
  .extend({
    creatorId: z.uuid().optional(),
    status: dropStatusSchema.optional(),
  })
  .strict();
export type DropFilters = z.infer<typeof dropFiltersSchema>;
