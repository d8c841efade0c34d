/**
 * The lab's results as CSV: GET /api/simulate/csv?a.model=mlp&a.depth=30&b.model=…
 * (the lab's URL format; a plain /api/simulate query counts as config "a"). One row per layer or
 * time step per config, then the training steps; see lib/lab/csv.ts for the columns.
 */

import { answeringOutages } from "@/app/api/outage";
import { runForRequest } from "@/app/api/simulate/refusal";
import { jsonError, type Problem } from "@/lib/http/json";
import { resultsToCsv } from "@/lib/lab/csv";
import { labConfigsFromParams } from "@/lib/lab/state";
import { parseSimConfig, type SimConfig, type SimResult } from "@/lib/sim";

async function get(request: Request): Promise<Response> {
  const slots = labConfigsFromParams(new URL(request.url).searchParams);
  if (slots.length === 0)
    return jsonError(
      400,
      "Give one to three configs, e.g. /api/simulate/csv?a.model=mlp&a.depth=20&b.model=mlp&b.depth=40",
    );
  const issues: Problem[] = [];
  const configs: { id: string; config: SimConfig }[] = [];
  for (const { slot, raw } of slots) {
    const parsed = parseSimConfig(raw);
    if (parsed.ok) configs.push({ id: slot, config: parsed.config });
    else for (const e of parsed.errors) issues.push({ path: e.path ? `${slot}.${e.path}` : slot, message: e.message });
  }
  if (issues.length > 0)
    return jsonError(
      400,
      `Invalid simulation config — ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      issues,
    );
  const outs = await runForRequest(
    request,
    configs.map((c) => c.config),
  );
  if (outs instanceof Response) return outs;
  const csv = resultsToCsv(
    configs.map((c, i) => ({ id: c.id, result: JSON.parse(outs[i]?.json ?? "null") as SimResult })),
  );
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="gradlab-lab.csv"',
      "cache-control": "public, max-age=3600",
    },
  });
}

export const GET = answeringOutages(get);
