import type { Hono } from 'hono';
import type { AppEnv } from '../../http/context';
import { dropDocs, registerDropRoutes } from './drops';
import { itemDocs, registerItemRoutes } from './items';
import type { CatalogDeps } from './support';

export type { CatalogDeps } from './support';
export const catalogDocs = [...dropDocs, ...itemDocs];

/** Drops and items: public reads, writes by the owning creator or an admin. */
export function registerCatalogRoutes(app: Hono<AppEnv>, deps: CatalogDeps): void {
  registerDropRoutes(app, deps);
  registerItemRoutes(app, deps);
}
