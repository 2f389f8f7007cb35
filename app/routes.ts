import { flatRoutes } from '@remix-run/fs-routes';
import type { RouteConfig } from '@remix-run/route-config';

// Remix's flat-file convention, declared as a route config (v3_routeConfig) so that moving to React Router 7 is mechanical (ADR 028).
export default flatRoutes({ ignoredRouteFiles: ['**/*.test.*', '**/.*'] }) satisfies RouteConfig;
