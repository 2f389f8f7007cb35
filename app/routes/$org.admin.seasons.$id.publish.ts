import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { publishLiveDraft } from '../../db/operations/seasons/publish';
import { listSessionRegistrants } from '../../db/operations/seasons/publish-people';
import { findSeason } from '../../db/operations/seasons/seasons';
import { requireStaff } from '../guards.server';

/** The board's publish button: a dry run first (diff and conflicts), then the real thing. */
export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await requireStaff(args);
  const id = z.uuid().safeParse(args.params.id);
  const season = id.success ? await findSeason(args.context.db, org.id, id.data) : undefined;
  if (!season) throw new Response('No such season', { status: 404 });
  const drafts = args.context.drafts;
  if (!drafts)
    return Response.json(
      {
        error:
          'Publishing needs the collab process: run web and collab together (npm start), or give the web process COLLAB_URL.',
      },
      { status: 503 },
    );
  const dryRun = new URL(args.request.url).searchParams.get('dryRun') === '1';
  const report = await publishLiveDraft(args.context.db, drafts, {
    orgId: org.id,
    seasonId: season.id,
    actor,
    dryRun,
    publishedByName: actor.name,
  });
  // Items written wrong into the draft are bad input (422); items in each other's way are conflicts (409).
  const invalid = report.conflicts.some((problem) => problem.code === 'invalid_item');
  return Response.json(report, { status: dryRun || !report.conflicts.length ? 200 : invalid ? 422 : 409 });
}

const draftItemId = z.string().trim().min(1).max(80);

/** The publish dialog's "who is registered" on demand: the names on one published session of the season. */
export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireStaff(args);
  const id = z.uuid().safeParse(args.params.id);
  const season = id.success ? await findSeason(args.context.db, org.id, id.data) : undefined;
  if (!season) throw new Response('No such season', { status: 404 });
  const item = draftItemId.safeParse(new URL(args.request.url).searchParams.get('registrants'));
  if (!item.success)
    return Response.json(
      { error: 'registrants: the draft id of one session of this season (1–80 characters)' },
      { status: 400 },
    );
  return Response.json(
    await listSessionRegistrants(args.context.db, { orgId: org.id, seasonId: season.id, draftItemId: item.data }),
  );
}
