import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { inviteSchema, roleSchema } from '../../core/schemas/account';
import { clockSchema, localeSchema } from '../../core/schemas/organization';
import { canonicalTimeZone, timeZoneSchema } from '../../core/time-zone';
import { fieldErrors, line } from '../../core/validation';
import { createApiKey, listApiKeys, revokeApiKey } from '../../db/operations/accounts/api-keys';
import { changeMemberRole, inviteMember, listMembers } from '../../db/operations/accounts/memberships';
import { updateOrganization } from '../../db/operations/accounts/organizations';
import { Time } from '../components/time-format';
import { requireAdmin } from '../guards.server';
import { answerDomainError } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Settings — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org, user } = await requireAdmin(args);
  const [members, keys] = await Promise.all([
    listMembers(args.context.db, org.id),
    listApiKeys(args.context.db, org.id),
  ]);
  return {
    org: {
      name: org.name,
      timeZone: org.timeZone,
      slug: org.slug,
      locale: org.settings.locale,
      clock: org.settings.clock,
    },
    timeZones: Intl.supportedValuesOf('timeZone'),
    me: user.id,
    members,
    keys,
  };
}

const settingsActions = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('organization'),
    name: line().trim().min(1, 'is required').max(200),
    timeZone: timeZoneSchema.transform(canonicalTimeZone),
    // Empty means "the default": en-US, and the locale's own clock.
    locale: z.preprocess((v) => v || undefined, localeSchema.optional()),
    clock: z.preprocess((v) => v || undefined, clockSchema.optional()),
  }),
  z.object({ intent: z.literal('invite'), ...inviteSchema.shape }),
  z.object({ intent: z.literal('role'), userId: z.uuid(), role: roleSchema }),
  z.object({
    intent: z.literal('create-key'),
    name: line().trim().min(1, 'is required').max(100),
    role: z.enum(['admin', 'staff']),
  }),
  z.object({ intent: z.literal('revoke-key'), id: z.uuid() }),
]);

type ActionResult = { intent: string; ok: boolean; message?: string; fields?: Record<string, string[]>; key?: string };

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireAdmin(args);
  const db = args.context.db;
  const form = Object.fromEntries(await args.request.formData());
  const parsed = settingsActions.safeParse(form);
  const intent = String(form.intent ?? '');
  if (!parsed.success)
    return data<ActionResult>({ intent, ok: false, fields: fieldErrors(parsed.error) }, { status: 422 });
  const input = parsed.data;
  try {
    switch (input.intent) {
      case 'organization':
        await updateOrganization(db, org.id, {
          name: input.name,
          timeZone: input.timeZone,
          locale: input.locale,
          clock: input.clock,
        });
        return data<ActionResult>({ intent, ok: true, message: 'Saved.' });
      case 'invite':
        await inviteMember(db, {
          org,
          actor,
          email: input.email,
          role: input.role,
          baseUrl: args.context.config.publicUrl,
        });
        return data<ActionResult>({ intent, ok: true, message: `Invitation sent to ${input.email}.` });
      case 'role':
        await changeMemberRole(db, { orgId: org.id, actor, userId: input.userId, role: input.role });
        return data<ActionResult>({ intent, ok: true, message: 'Role changed.' });
      case 'create-key': {
        const { key } = await createApiKey(db, {
          orgId: org.id,
          role: input.role,
          name: input.name,
          createdBy: actor.id,
        });
        return data<ActionResult>({ intent, ok: true, message: 'Copy the key now: it is shown only once.', key });
      }
      case 'revoke-key':
        await revokeApiKey(db, org.id, input.id);
        return data<ActionResult>({ intent, ok: true, message: 'Key revoked.' });
    }
  } catch (error) {
    return answerDomainError(
      error,
      (refusal): ActionResult => ({ intent, ok: false, message: refusal.message, fields: refusal.fields }),
    );
  }
}

function Feedback({ result, intent }: { result?: ActionResult; intent: string }) {
  if (!result || result.intent !== intent) return null;
  const problems = [
    result.message && !result.ok ? result.message : null,
    ...Object.entries(result.fields ?? {}).map(([f, m]) => `${f}: ${m.join('; ')}`),
  ].filter(Boolean);
  if (problems.length)
    return (
      <p className="error" role="alert">
        {problems.join(' ')}
      </p>
    );
  return (
    <p className="notice" role="status">
      {result.message}
    </p>
  );
}

/** Suggestions only: any locale the runtime supports is accepted. */
const LOCALES = [
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'es-US',
  'es-ES',
  'es-419',
  'fr-FR',
  'fr-CA',
  'de-DE',
  'pt-BR',
  'it-IT',
  'nl-NL',
];

export default function Settings() {
  const { org, timeZones, me, members, keys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>Settings</h1>
      <h2>Organization</h2>
      <Form method="post" className="row">
        <input type="hidden" name="intent" value="organization" />
        <label className="field">
          Name <input name="name" defaultValue={org.name} required />
        </label>
        <label className="field">
          Time zone <input name="timeZone" defaultValue={org.timeZone} list="time-zones" autoComplete="off" required />
        </label>
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <label className="field">
          Language and region{' '}
          <input name="locale" defaultValue={org.locale ?? ''} placeholder="en-US" list="locales" autoComplete="off" />
        </label>
        <datalist id="locales">
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} />
          ))}
        </datalist>
        <label className="field">
          Clock{' '}
          <select name="clock" defaultValue={org.clock ?? ''}>
            <option value="">As the language and region write it</option>
            <option value="12h">12-hour (6:00 PM)</option>
            <option value="24h">24-hour (18:00)</option>
          </select>
        </label>
        <button type="submit">Save</button>
      </Form>
      <Feedback result={result} intent="organization" />

      <h2>Members</h2>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>
                {m.name}
                {m.userId === me ? ' (you)' : ''}
              </td>
              <td>{m.email}</td>
              <td>
                <Form method="post" className="row">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <select name="role" defaultValue={m.role} aria-label={`Role of ${m.name}`}>
                    <option value="admin">admin</option>
                    <option value="staff">staff</option>
                    <option value="resident">resident</option>
                  </select>
                  <button type="submit" className="secondary">
                    Change
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Feedback result={result} intent="role" />
      <h3>Invite someone</h3>
      <Form method="post" className="row">
        <input type="hidden" name="intent" value="invite" />
        <label className="field">
          Email <input name="email" type="email" required />
        </label>
        <label className="field">
          Role
          <select name="role" defaultValue="staff">
            <option value="admin">admin</option>
            <option value="staff">staff</option>
            <option value="resident">resident</option>
          </select>
        </label>
        <button type="submit">Send invitation</button>
      </Form>
      <Feedback result={result} intent="invite" />

      <h2>API keys</h2>
      <p className="muted">
        For scripts and integrations: <code>Authorization: Bearer &lt;key&gt;</code> on{' '}
        <code>/api/v1/orgs/{org.slug}/…</code>.
      </p>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Key starts with</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{k.role}</td>
              <td>
                <code>{k.keyPrefix}…</code>
              </td>
              <td>{k.lastUsedAt ? <Time at={k.lastUsedAt} /> : 'never'}</td>
              <td>
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="revoke-key" />
                  <input type="hidden" name="id" value={k.id} />
                  <button type="submit" className="danger">
                    Revoke
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" className="row">
        <input type="hidden" name="intent" value="create-key" />
        <label className="field">
          Label <input name="name" required />
        </label>
        <label className="field">
          Role{' '}
          <select name="role" defaultValue="staff">
            <option value="staff">staff</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit">Create key</button>
      </Form>
      <Feedback result={result} intent="create-key" />
      {result?.key ? (
        <p>
          <code className="new-key">{result.key}</code>
        </p>
      ) : null}
      <Feedback result={result} intent="revoke-key" />
    </main>
  );
}
