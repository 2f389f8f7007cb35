import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { seasonCreateSchema } from '../../core/schemas/season';
import { createSeason, listSeasons, seasonView } from '../../db/operations/seasons/seasons';
import { Field, FormErrors } from '../components/field';
import { requireStaff } from '../guards.server';
import { CalendarDates } from '../components/time-format';

export const meta: MetaFunction = () => [{ title: 'Seasons — Infra24' }];

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  return { seasons: (await listSeasons(args.context.db, org.id)).map(seasonView) };
}

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const submission = parseWithZod(await args.request.formData(), { schema: seasonCreateSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 422 });
  const season = await createSeason(args.context.db, { orgId: org.id, actor, season: submission.value });
  return redirect(`/${org.slug}/admin/seasons/${season.id}`);
}

export default function Seasons() {
  const { seasons } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: seasonCreateSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <main className="page">
      <h1>Seasons</h1>
      <p className="muted">A season is a planning board the team edits together, then publishes into bookings.</p>
      <ul>
        {seasons.map((s) => (
          <li key={s.id}>
            <Link to={s.id}>{s.name}</Link>{' '}
            <span className="muted">
              <CalendarDates first={s.startsOn} last={s.endsOn} /> ·{' '}
              {s.publishedRevision ? `published (revision ${s.publishedRevision})` : 'not published yet'}
            </span>
          </li>
        ))}
      </ul>
      {seasons.length === 0 ? <p className="muted">No seasons yet.</p> : null}
      <h2>New season</h2>
      <Form method="post" {...getFormProps(form)} className="row">
        <Field label="Name" meta={fields.name} placeholder="Spring 2027" />
        <Field label="Starts" meta={fields.startsOn} type="date" />
        <Field label="Ends" meta={fields.endsOn} type="date" />
        <FormErrors errors={form.errors} />
        <button type="submit">Create and open the board</button>
      </Form>
    </main>
  );
}
