import { z } from 'zod';

// Catalog DTOs shared by the api (validation, OpenAPI) and the web client.

export const currencySchema = z.enum(['usd', 'eur', 'gbp']);
export const paginationSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type Pagination = z.infer<typeof paginationSchema>;
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const createDropSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(5000),
    mediaUrl: z.url({ protocol: /^https$/ }).max(2000),
    saleStartsAt: z.iso.datetime(),
    saleEndsAt: z.iso.datetime().nullable().default(null),
    perBuyerLimit: z.number().int().min(1).max(100).default(1),
  })
  .strict()
  .refine((drop) => !drop.saleEndsAt || drop.saleEndsAt > drop.saleStartsAt, { message: 'saleEndsAt must be after saleStartsAt', path: ['saleEndsAt'] });
export const updateDropSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(5000),
    mediaUrl: z.url({ protocol: /^https$/ }).max(2000),
    saleStartsAt: z.iso.datetime(),
    saleEndsAt: z.iso.datetime().nullable(),
    perBuyerLimit: z.number().int().min(1).max(100),
  })
  .partial()
  .strict();

export const createItemSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    priceCents: z.number().int().min(50).max(10_000_000),
    currency: currencySchema,
    supply: z.number().int().min(1).max(1_000_000),
  })
  .strict();
export const updateItemSchema = z.object({ name: z.string().trim().min(1).max(120), priceCents: z.number().int().min(50).max(10_000_000) }).partial().strict();

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

export const dropSchema = z.object({
  id: z.uuid(),
  creatorId: z.uuid(),
  name: z.string(),
  description: z.string(),
  mediaUrl: z.string(),
  saleStartsAt: z.iso.datetime(),
  saleEndsAt: z.iso.datetime().nullable(),
  perBuyerLimit: z.number().int(),
  items: z.array(itemSchema),
});
export type DropDto = z.infer<typeof dropSchema>;

export const dropFiltersSchema = paginationSchema.extend({
  creatorId: z.uuid().optional(),
  status: z.enum(['upcoming', 'live', 'ended']).optional(),
});
