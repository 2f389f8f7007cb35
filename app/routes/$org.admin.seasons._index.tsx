import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { ColumnDef } from '@tanstack/react-table';
import { seasonCreateSchema } from '../../core/schemas/season';
import { createSeason, listSeasons, seasonView } from '../../db/operations/seasons/seasons';
import { DataTable } from '../components/data-table/data-table';
import { ErrorSummary } from '../components/forms/error-summary';
import { TextField } from '../components/forms/field';
import { SubmitButton } from '../components/forms/submit-button';
import { CalendarDates } from '../components/time-format';
import { Badge } from '../components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../components/ui/card';
import { redirectWithFlash } from '../flash.server';
import { requireStaff } from '../guards.server';
import { answerDomainError } from '../page-errors.server';

export const meta: MetaFunction = () => [{ title: 'Seasons — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  return { seasons: (await listSeasons(args.context.db, org.id)).map(seasonView) };
}

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const submission = parseWithZod(await args.request.formData(), { schema: seasonCreateSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 422 });
  try {
    const season = await createSeason(args.context.db, { orgId: org.id, actor, season: submission.value });
    return redirectWithFlash(args.context, `/${org.slug}/admin/seasons/${season.id}`, {
      message: `${season.name} created.`,
    });
  } catch (error) {
    return answerDomainError(error, (refusal) =>
      submission.reply(refusal.fields ? { fieldErrors: refusal.fields } : { formErrors: [refusal.message] }),
    );
  }
}

interface SeasonRow {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  publishedRevision: number | null;
}

const columns: ColumnDef<SeasonRow>[] = [
  {
    accessorKey: 'name',
    header: 'Season',
    meta: { primary: true },
    cell: ({ row }) => (
      <Link to={row.original.id} className="font-medium text-accent-text">
        {row.original.name}
      </Link>
    ),
  },
  {
    accessorKey: 'startsOn',
    header: 'Dates',
    cell: ({ row }) => <CalendarDates first={row.original.startsOn} last={row.original.endsOn} />,
  },
  {
    accessorKey: 'publishedRevision',
    header: 'State',
    cell: ({ row }) =>
      row.original.publishedRevision ? (
        <Badge tone="success">Published (revision {row.original.publishedRevision})</Badge>
      ) : (
        <Badge tone="warning">Not published yet</Badge>
      ),
  },
];

const LABELS = { name: 'Name', startsOn: 'Starts', endsOn: 'Ends' };

export default function Seasons() {
  const { seasons } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: 'new-season',
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: seasonCreateSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <main className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-8 sm:px-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Seasons</h1>
        <p className="text-sm text-muted">
          A season is a planning board the team edits together, then publishes into bookings.
        </p>
      </div>
      <DataTable
        mode="client"
        label="Seasons"
        columns={columns}
        data={seasons}
        getRowId={(season) => season.id}
        searchPlaceholder="Search seasons…"
        emptyText="No seasons yet."
      />
      <Card>
        <CardHeader>
          <CardTitle>New season</CardTitle>
          <CardDescription>Its board opens right after; dates are in the organization's time zone.</CardDescription>
        </CardHeader>
        <CardContent>
          <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4">
            <ErrorSummary form={form} labels={LABELS} />
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField meta={fields.name} label={LABELS.name} placeholder="Spring 2027" autoComplete="off" />
              <TextField meta={fields.startsOn} label={LABELS.startsOn} type="date" />
              <TextField meta={fields.endsOn} label={LABELS.endsOn} type="date" />
            </div>
            <SubmitButton pendingText="Creating…" className="self-start">
              Create and open the board
            </SubmitButton>
          </Form>
        </CardContent>
      </Card>
    </main>
  );
}
