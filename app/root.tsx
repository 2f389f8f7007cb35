// First: configures zod before any route module builds a schema.
import './zod-in-browser';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react';
import type { ReactNode } from 'react';
import { errorTitle, RouteError } from './components/route-error';
import { useCspNonce } from './csp-nonce';
import styles from './styles.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

// Routes without a title of their own, error pages among them, inherit this one (Remix passes a route's meta down).
export const meta: MetaFunction = ({ error }) => [{ title: error ? `${errorTitle(error)} — Infra24` : 'Infra24' }];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useCspNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
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
