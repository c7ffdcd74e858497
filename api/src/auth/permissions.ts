import type { Actor } from '../http/context';
import { httpErrors } from '../http/errors';

// Object-level permission checks. Every resource route loads the object, then asks
// here whether the actor may act on it; a refusal is 404 for reads (existence is
// not revealed) and 403 for writes to objects the actor can see.

export interface OwnedResource {
  ownerId: string;
}

export type Action = 'read' | 'write';

export function can(actor: Actor, action: Action, resource: OwnedResource): boolean {
  // Owners may read and write their own objects; admins may do both on any object.
  // `action` is part of the signature so later resources can grant read without write.
  void action;
  return actor.role === 'admin' || resource.ownerId === actor.userId;
}

export function authorize<T extends OwnedResource>(actor: Actor, action: Action, resource: T | null): T {
  if (!resource) throw httpErrors.notFound();
  if (!can(actor, action, resource)) throw action === 'read' ? httpErrors.notFound() : httpErrors.forbidden();
  return resource;
}
