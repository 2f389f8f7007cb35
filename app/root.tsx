// First: configures zod before any route module builds a schema.
import './zod-in-browser';
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react';
import { type CSSProperties, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { errorTitle, RouteError } from './components/route-error';
import { toast, useToastsAsked } from './components/ui/toast';
import { useCspNonce } from './csp-nonce';
import type { Flash } from './flash';
import { takeFlash } from './flash.server';
import type { loader as organizationLoader } from './routes/$org';
import styles from './styles.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** Every page: the message an action left for it after its redirect (app/flash.server.ts), spent here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { flash, headers } = await takeFlash(request, context);
  return data({ flash }, { headers });
}

// The toaster (sonner) loads only when there is a toast to show: a flash, or a page's own toast().
const ToasterHost = lazy(() => import('./components/toaster-host'));

/** The message an action left for this page (root loader), shown once as a toast. */
function useFlashToast(flash: Flash | null | undefined): void {
  useEffect(() => {
    if (flash) toast[flash.kind](flash.message, { id: flash.id, description: flash.description });
  }, [flash]);
}

/** An organization's pages wear its accent colour: the CSS variables of app/styles.css, set on <body>. */
function useAccentStyle(): CSSProperties | undefined {
  const organization = useRouteLoaderData<typeof organizationLoader>('routes/$org');
  const palette = organization?.org.accent;
  return palette
    ? ({
        '--accent': palette.accent,
        '--accent-foreground': palette.accentForeground,
        '--accent-text': palette.accentText,
      } as CSSProperties)
    : undefined;
}

// Routes without a title of their own, error pages among them, inherit this one (Remix passes a route's meta down).
export const meta: MetaFunction = ({ error }) => [{ title: error ? `${errorTitle(error)} — Infra24` : 'Infra24' }];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useCspNonce();
  const root = useRouteLoaderData<typeof loader>('root');
  useFlashToast(root?.flash);
  const toastsAsked = useToastsAsked();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body style={useAccentStyle()} className="bg-canvas font-sans text-ink antialiased">
        {children}
        {toastsAsked ? (
          <Suspense fallback={null}>
            <ToasterHost />
          </Suspense>
        ) : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteError back={{ to: '/', label: 'Back to Infra24' }} />;
}
