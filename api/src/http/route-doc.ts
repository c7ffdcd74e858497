import type { z } from 'zod';

/** What the OpenAPI document says about one route; each route module exports its docs. */
export interface RouteDoc {
  method: 'get' | 'post' | 'patch';
  path: string;
  summary: string;
  tag: string;
  auth?: boolean;
  body?: z.ZodType;
  /** Query parameters (each property becomes one); path parameters come from `{name}` in the path. */
  query?: z.ZodObject;
  responses: Record<number, { description: string; data?: z.ZodType }>;
}
