import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { organizationAccent } from '../../core/accent-color';
import { apiKeyCreateSchema, apiKeyRevokeSchema, inviteSchema, roleChangeSchema } from '../../core/schemas/account';
import { organizationFormSchema } from '../../core/schemas/organization';
import { createApiKey, listApiKeys, revokeApiKey } from '../../db/operations/accounts/api-keys';
import { changeMemberRole, inviteMember, listMembers } from '../../db/operations/accounts/memberships';
import { updateOrganization } from '../../db/operations/accounts/organizations';
import { ApiKeysSection } from '../components/settings/api-keys-section';
import { MembersSection } from '../components/settings/members-section';
import { OrganizationForm } from '../components/settings/organization-form';
import { redirectWithFlash } from '../flash.server';
import { RefusalNotice } from '../components/forms/refusal-notice';
import { requireAdmin } from '../guards.server';
import { answerDomainError, refusalReply } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Settings — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org, user } = await requireAdmin(args);
  const [members, keys] = await Promise.all([
    listMembers(args.context.db, org.id),
    listApiKeys(args.context.db, org.id),
  ]);
  const { settings } = org;
  return {
    org: {
      name: org.name,
      timeZone: org.timeZone,
      slug: org.slug,
      locale: settings.locale,
      clock: settings.clock,
      accentColor: organizationAccent(settings),
      cancellationCutoffHours: settings.cancellationCutoffHours,
      offerHours: settings.offerHours,
      reminderHours: settings.reminderHours,
    },
    me: user.id,
    members,
    keys,
  };
}

export type SettingsIntent = 'organization' | 'invite' | 'role' | 'create-key' | 'revoke-key';

const SCHEMAS = {
  organization: organizationFormSchema,
  invite: inviteSchema,
  role: roleChangeSchema,
  'create-key': apiKeyCreateSchema,
  'revoke-key': apiKeyRevokeSchema,
} as const;

function isIntent(value: unknown): value is SettingsIntent {
  return typeof value === 'string' && Object.hasOwn(SCHEMAS, value);
}

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireAdmin(args);
  const db = args.context.db;
  const formData = await args.request.formData();
  const intent = formData.get('intent');
  if (!isIntent(intent)) throw data('intent: must be one of organization, invite, role, create-key, revoke-key', 400);
  const submission = parseWithZod(formData, { schema: SCHEMAS[intent] });
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 422 });
  const here = `/${org.slug}/admin/settings`;
  try {
    switch (intent) {
      case 'organization': {
        const { name, timeZone, ...settings } = organizationFormSchema.parse(submission.value);
        await updateOrganization(db, org.id, { name, timeZone, ...settings });
        return { intent, result: submission.reply(), message: 'Saved.' };
      }
      case 'invite': {
        const input = inviteSchema.parse(submission.value);
        await inviteMember(db, {
          org,
          actor,
          email: input.email,
          role: input.role,
          baseUrl: args.context.config.publicUrl,
        });
        return {
          intent,
          result: submission.reply({ resetForm: true }),
          message: `Invitation sent to ${input.email}.`,
        };
      }
      case 'role': {
        const input = roleChangeSchema.parse(submission.value);
        await changeMemberRole(db, { orgId: org.id, actor, userId: input.userId, role: input.role });
        return redirectWithFlash(args.context, here, { message: `Role changed to ${input.role}.` });
      }
      case 'create-key': {
        const input = apiKeyCreateSchema.parse(submission.value);
        const { key } = await createApiKey(db, {
          orgId: org.id,
          role: input.role,
          name: input.name,
          createdBy: actor.id,
        });
        return {
          intent,
          result: submission.reply({ resetForm: true }),
          message: `Key “${input.name}” created. Copy it now: it is shown only once.`,
          key,
        };
      }
      case 'revoke-key': {
        await revokeApiKey(db, org.id, apiKeyRevokeSchema.parse(submission.value).id);
        return redirectWithFlash(args.context, here, { message: 'Key revoked: it no longer works.' });
      }
    }
  } catch (error) {
    return answerDomainError(error, (refusal) => ({
      intent,
      result: refusalReply(submission, refusal),
    }));
  }
}

/** What the page's forms are told: their own answer, or an emptied one so old messages go. */
export type SettingsAnswer = { result?: SubmissionResult; message?: string; key?: string };

const CLEARED: SubmissionResult = { initialValue: null };

export default function Settings() {
  const { org, me, members, keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answers = useMemo(() => {
    const answer = (intent: SettingsIntent): SettingsAnswer => {
      if (!actionData) return {};
      if (actionData.intent !== intent) return { result: CLEARED };
      return {
        result: actionData.result as SubmissionResult,
        message: 'message' in actionData ? actionData.message : undefined,
        key: 'key' in actionData ? actionData.key : undefined,
      };
    };
    return { organization: answer('organization'), invite: answer('invite'), key: answer('create-key') };
  }, [actionData]);
  // A role change and a revoke are rows' buttons, not forms with fields: their refusal shows on top.
  const rowRefusal =
    actionData && (actionData.intent === 'role' || actionData.intent === 'revoke-key')
      ? (actionData.result as SubmissionResult)
      : undefined;
  return (
    <main className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Settings</h1>
      <RefusalNotice result={rowRefusal} />
      <OrganizationForm org={org} answer={answers.organization} />
      <MembersSection members={members} me={me} invite={answers.invite} />
      <ApiKeysSection keys={keys} slug={org.slug} answer={answers.key} />
    </main>
  );
}
