import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { apiKeyCreateSchema } from '../../../core/schemas/account';
import type { SettingsAnswer } from '../../routes/$org.admin.settings';
import { ConfirmSubmit } from '../confirm-submit';
import { DataTable } from '../data-table/data-table';
import { ErrorSummary } from '../forms/error-summary';
import { SelectField, TextField } from '../forms/field';
import { SubmitButton } from '../forms/submit-button';
import { Notice } from '../notice';
import { Time } from '../time-format';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: 'admin' | 'staff';
  keyPrefix: string;
  lastUsedAt: string | Date | null;
}

const KEY_ROLES = [
  { value: 'staff', label: 'Staff' },
  { value: 'admin', label: 'Admin' },
];

const columns: ColumnDef<ApiKeyRow>[] = [
  { accessorKey: 'name', header: 'Name', meta: { primary: true } },
  {
    accessorKey: 'role',
    header: 'Role',
    cell: ({ getValue }) => <span className="capitalize">{getValue<string>()}</span>,
  },
  {
    accessorKey: 'keyPrefix',
    header: 'Key starts with',
    cell: ({ getValue }) => <code className="font-mono text-sm">{getValue<string>()}…</code>,
  },
  {
    accessorKey: 'lastUsedAt',
    header: 'Last used',
    cell: ({ getValue }) => {
      const at = getValue<string | Date | null>();
      return at ? <Time at={at} /> : <span className="text-muted">Never</span>;
    },
  },
  {
    id: 'revoke',
    header: () => <span className="sr-only">Actions</span>,
    meta: { label: 'Actions', align: 'right' },
    enableSorting: false,
    cell: ({ row }) => (
      <Form method="post">
        <input type="hidden" name="intent" value="revoke-key" />
        <input type="hidden" name="id" value={row.original.id} />
        <ConfirmSubmit
          variant="secondary"
          size="sm"
          pendingText="Revoking…"
          title={`Revoke the key “${row.original.name}”?`}
          description="Scripts using it stop working at once. This cannot be undone."
          confirm="Revoke key"
        >
          Revoke<span className="sr-only"> {row.original.name}</span>
        </ConfirmSubmit>
      </Form>
    ),
  },
];

/** Keys for scripts and integrations, and the form that creates one (shown once). */
export function ApiKeysSection({ keys, slug, answer }: { keys: ApiKeyRow[]; slug: string; answer: SettingsAnswer }) {
  const [form, fields] = useForm({
    id: 'create-key',
    lastResult: answer.result,
    defaultValue: { role: 'staff' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: apiKeyCreateSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <section aria-labelledby="keys-heading" className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id="keys-heading" className="text-xl font-semibold tracking-tight">
          API keys
        </h2>
        <p className="text-sm text-muted">
          For scripts and integrations: <code className="font-mono break-all">Authorization: Bearer &lt;key&gt;</code>{' '}
          on <code className="font-mono break-all">/api/v1/orgs/{slug}/…</code>
        </p>
      </div>
      <DataTable
        mode="client"
        label="API keys"
        columns={columns}
        data={keys}
        getRowId={(key) => key.id}
        searchPlaceholder="Search keys…"
        emptyText="No API keys yet."
      />
      <Card>
        <CardHeader>
          <CardTitle as="h3">Create a key</CardTitle>
          <CardDescription>The key is shown once, right after it is created.</CardDescription>
        </CardHeader>
        <CardContent>
          <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
            <input type="hidden" name="intent" value="create-key" />
            {answer.message ? (
              <Notice>
                <p>{answer.message}</p>
                {answer.key ? (
                  <code className="mt-2 block rounded-sm bg-surface px-2 py-1 font-mono text-sm break-all text-ink">
                    {answer.key}
                  </code>
                ) : null}
              </Notice>
            ) : null}
            <ErrorSummary form={form} labels={{ name: 'Label', role: 'Role' }} />
            <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
              <TextField
                meta={fields.name}
                label="Label"
                hint="To know it by, e.g. “Website sync”."
                autoComplete="off"
              />
              <SelectField meta={fields.role} label="Role" options={KEY_ROLES} />
            </div>
            <SubmitButton pendingText="Creating…" className="self-start">
              Create key
            </SubmitButton>
          </Form>
        </CardContent>
      </Card>
    </section>
  );
}
