/**
 * GET /drills/<family> — a fresh problem of the family: a redirect to /drills/<family>/<seed> with
 * a random seed. /drills/mixed picks the family for the learner (lib/drills/stats.ts).
 */
import { randomInt } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { listDrillAttempts } from "@/lib/db/drills.server";
import { DRILL_SEED_MAX, isDrillFamily, MIXED } from "@/lib/drills/families";
import { familyStats, nextMixedFamily } from "@/lib/drills/stats";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ family: string }> }): Promise<Response> {
  const { family } = await params;
  let chosen = family;
  if (family === MIXED) {
    const user = await getCurrentUser();
    const attempts = user ? await listDrillAttempts(user.id) : [];
    chosen = nextMixedFamily(familyStats(attempts), Math.random());
  }
  if (!isDrillFamily(chosen)) {
    const t = await getTranslations("drills");
    return new Response(`${t("error_family")}\n`, {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const seed = randomInt(0, DRILL_SEED_MAX + 1);
  const query = family === MIXED ? "?mixed=1" : "";
  return new Response(null, {
    status: 303,
    headers: { location: `/drills/${chosen}/${seed}${query}`, "cache-control": "no-store" },
  });
}
