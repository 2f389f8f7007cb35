import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { inviteSchema } from '../../../core/schemas/account';
import type { SettingsAnswer } from '../../routes/$org.admin.settings';
import { ConfirmSubmit } from '../confirm-submit';
import { DataTable } from '../data-table/data-table';
import { ErrorSummary } from '../forms/error-summary';
import { SelectField, TextField } from '../forms/field';
import { SubmitButton } from '../forms/submit-button';
import { Notice } from '../notice';
import { Badge } from '../ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import { NativeSelect } from '../ui/native-select';

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: 'admin' | 'staff' | 'resident';
}

const ROLES = [
  { value: 'admin', label: 'Admin' },
  { value: 'staff', label: 'Staff' },
  { value: 'resident', label: 'Resident' },
];

/** A member's role with its own small form: choose, then confirm. */
function RoleForm({ member, isMe }: { member: MemberRow; isMe: boolean }) {
  const roleSelectId = `role-${member.userId}`;
  return (
    <Form method="post" className="flex items-center gap-2">
      <input type="hidden" name="intent" value="role" />
      <input type="hidden" name="userId" value={member.userId} />
      <label htmlFor={roleSelectId} className="sr-only">
        Role of {member.name}
      </label>
      <div className="w-32">
        <NativeSelect id={roleSelectId} name="role" defaultValue={member.role} className="h-9 py-1">
          {ROLES.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <ConfirmSubmit
        variant="secondary"
        size="sm"
        pendingText="Changing…"
        tone="primary"
        title={`Change the role of ${member.name}?`}
        description={
          isMe
            ? 'This is your own role: as anything but admin you lose access to these settings.'
            : `${member.name} gets the chosen role's access at once.`
        }
        confirm="Change role"
      >
        Change
      </ConfirmSubmit>
    </Form>
  );
}

/** The organization's people and their roles, and the invitation form. */
export function MembersSection({ members, me, invite }: { members: MemberRow[]; me: string; invite: SettingsAnswer }) {
  const columns: ColumnDef<MemberRow>[] = [
    {
      accessorKey: 'name',
      header: 'Name',
      meta: { primary: true },
      cell: ({ row }) => (
        <span className="font-medium">
          {row.original.name}
          {row.original.userId === me ? (
            <Badge tone="info" className="ml-2">
              You
            </Badge>
          ) : null}
        </span>
      ),
    },
    {
      accessorKey: 'email',
      header: 'Email',
      cell: ({ getValue }) => <span className="break-all">{getValue<string>()}</span>,
    },
    {
      accessorKey: 'role',
      header: 'Role',
      cell: ({ row }) => <RoleForm member={row.original} isMe={row.original.userId === me} />,
    },
  ];
  const [form, fields] = useForm({
    id: 'invite',
    lastResult: invite.result,
    defaultValue: { role: 'staff' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-4">
      <h2 id="members-heading" className="text-xl font-semibold tracking-tight">
        Members
      </h2>
      <DataTable
        mode="client"
        label="Members"
        columns={columns}
        data={members}
        getRowId={(member) => member.userId}
        searchPlaceholder="Search members…"
        emptyText="No members yet."
      />
      <Card>
        <CardHeader>
          <CardTitle as="h3">Invite someone</CardTitle>
          <CardDescription>They get an email with a link that makes them a member with this role.</CardDescription>
        </CardHeader>
        <CardContent>
          <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
            <input type="hidden" name="intent" value="invite" />
            {invite.message ? <Notice>{invite.message}</Notice> : null}
            <ErrorSummary form={form} labels={{ email: 'Email', role: 'Role' }} />
            <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
              <TextField meta={fields.email} label="Email" type="email" autoComplete="off" />
              <SelectField meta={fields.role} label="Role" options={ROLES} />
            </div>
            <SubmitButton pendingText="Sending…" className="self-start">
              Send invitation
            </SubmitButton>
          </Form>
        </CardContent>
      </Card>
    </section>
  );
}
