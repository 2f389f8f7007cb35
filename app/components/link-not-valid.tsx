import { Link2Off } from 'lucide-react';
import { Button } from './ui/button';

/** Every kind of secret link a person may be sent (docs/design.md §8). */
export type SecretLink = 'sign-in' | 'password-reset' | 'invitation' | 'registration' | 'offer' | 'calendar-feed';

/**
 * What a secret link that is unknown, spent or expired answers (404, app/secret-links.server.ts):
 * the words of its kind, written by the server (so pages do not carry them all), never why this one
 * failed, so a guess learns no more than the person it was sent to.
 */
export interface LinkNotValidAnswer {
  linkNotValid: SecretLink;
  title: string;
  /** Why a link of this kind stops working. */
  why: string;
  /** What to do instead, when no button does it. */
  nextStep?: string;
  /** The ways on; the first is the primary one when `primary` is set. */
  actions: { label: string; href: string }[];
  primary: boolean;
  /** An account link (no organization's frame around it): under the Infra24 name, as the sign-in pages. */
  standalone: boolean;
}

export function isLinkNotValid(data: unknown): data is LinkNotValidAnswer {
  return typeof data === 'object' && data !== null && typeof (data as LinkNotValidAnswer).linkNotValid === 'string';
}

/**
 * The page of a secret link that does not work: what it was, that it is not valid (whatever the
 * reason), and the way on. Plain links, so the server can render it without the router (a calendar
 * feed opened in a browser).
 */
export function LinkNotValid({ answer }: { answer: LinkNotValidAnswer }) {
  return (
    <main
      id={answer.standalone ? 'main' : undefined}
      data-slot="link-not-valid"
      className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16"
    >
      {answer.standalone ? (
        <a href="/" className="text-sm font-semibold text-accent-text no-underline hover:underline">
          Infra24
        </a>
      ) : null}
      <div className="flex flex-col items-start gap-3">
        <span className="flex size-10 items-center justify-center rounded-full bg-subtle text-muted">
          <Link2Off className="size-5" aria-hidden />
        </span>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{answer.title}</h1>
        <p className="text-muted">{answer.why}</p>
        {answer.nextStep ? <p>{answer.nextStep}</p> : null}
      </div>
      {answer.actions.length ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          {answer.actions.map((action, index) => (
            <Button key={action.href} asChild variant={answer.primary && index === 0 ? 'primary' : 'secondary'}>
              <a href={action.href}>{action.label}</a>
            </Button>
          ))}
        </div>
      ) : null}
    </main>
  );
}
