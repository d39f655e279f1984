import type { ExecutionContext } from '@nestjs/common';

/**
 * A value computed once per route from its metadata (fixed once the app has
 * started) and kept, for guards that would otherwise read the reflector on
 * every request. Keyed by controller class, then handler: an inherited handler
 * can serve classes with different metadata.
 */
export class RouteMemo<T> {
  private readonly byController = new Map<unknown, Map<unknown, T>>();

  constructor(private readonly compute: (context: ExecutionContext) => T) {}

  get(context: ExecutionContext): T {
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let byHandler = this.byController.get(controller);
    if (!byHandler) this.byController.set(controller, (byHandler = new Map()));
    if (!byHandler.has(handler)) byHandler.set(handler, this.compute(context));
    return byHandler.get(handler) as T;
  }
}
