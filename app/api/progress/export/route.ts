/** GET /api/progress/export — all of the current user's progress as JSON (docs/progress-export.md). */

import { answeringOutages } from "@/app/api/outage";
import { requireOwnUser } from "@/app/api/progress/require-own-user";
import { exportProgress } from "@/lib/db/progress.server";

export const dynamic = "force-dynamic";

async function get(req: Request): Promise<Response> {
  const user = await requireOwnUser(req);
  if (user instanceof Response) return user;
  const data = await exportProgress(user.id);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="gradlab-progress-${data.exportedAt.slice(0, 10)}.json"`,
      "cache-control": "no-store",
    },
  });
}

export const GET = answeringOutages(get);
