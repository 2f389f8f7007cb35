import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** One route of the built app, as the server build's route manifest lists it. */
export interface BuiltRoute {
  id: string;
  parentId?: string;
  /** The full URL pattern, e.g. `/:org/admin/mailbox/:id`. */
  pattern: string;
  index: boolean;
  /** Renders a page (has a component); otherwise a resource route (a loader or action answering by itself). */
  isPage: boolean;
  /** An index child renders in its place, so the route is visited through that child. */
  hasIndexChild: boolean;
}

interface ServerBuildRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { default?: unknown };
}

/** Every route but the root, read from build/server (run `npx tsx scripts/build.ts` first). */
export async function builtRoutes(buildDirectory = 'build'): Promise<BuiltRoute[]> {
  const build = (await import(pathToFileURL(path.resolve(buildDirectory, 'server/index.js')).href)) as {
    routes: Record<string, ServerBuildRoute>;
  };
  const routes = build.routes;
  const patternOf = (id: string | undefined): string => {
    if (!id) return '';
    const route = routes[id];
    const parent = patternOf(route.parentId);
    return route.path ? `${parent}/${route.path}` : parent;
  };
  return Object.values(routes)
    .filter((route) => route.id !== 'root')
    .map((route) => ({
      id: route.id,
      parentId: route.parentId,
      pattern: patternOf(route.id) || '/',
      index: route.index === true,
      isPage: typeof route.module.default === 'function',
      hasIndexChild: Object.values(routes).some((child) => child.parentId === route.id && child.index === true),
    }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern) || a.id.localeCompare(b.id));
}

/** A file-name-safe name for a route id: `routes/$org.admin.mailbox.$id` → `org.admin.mailbox.id`. */
export function routeFileName(id: string): string {
  return id.replace(/^routes\//, '').replace(/[^\w.-]+/g, '');
}
