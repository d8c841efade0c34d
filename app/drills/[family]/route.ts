/**
 * GET /drills/<family> — a fresh problem of the family: a redirect to /drills/<family>/<seed> with
 * a random seed. /drills/mixed serves the learner's most-due family (lib/drills/schedule.ts, ADR 33).
 */
import { randomInt } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { drillSchedules } from "@/lib/drill-service/schedule.server";
import { DRILL_SEED_MAX, isDrillFamily, MIXED } from "@/lib/drills/families";
import { mostDueFamily } from "@/lib/drills/schedule";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ family: string }> }): Promise<Response> {
  const { family } = await params;
  let chosen = family;
  if (family === MIXED) {
    const user = await getCurrentUser();
    chosen = mostDueFamily(await drillSchedules(user?.id ?? null, new Date()), Math.random());
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
