import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/simulate/csv/route";
import { prisma } from "@/lib/db/client.server";
import { CSV_COLUMNS } from "@/lib/lab/csv";
import { parseSimConfig, simulate } from "@/lib/sim";

afterAll(() => prisma.$disconnect());

const get = (query: string) => GET(new Request(`http://localhost/api/simulate/csv?${query}`));

describe("GET /api/simulate/csv", () => {
  it("serves the lab's configs as one CSV, the numbers equal to the engine's", async () => {
    const res = await get(
      "a.model=mlp&a.depth=5&a.width=8&a.batch=4&a.activation=tanh&a.seed=4&b.model=lstm&b.steps=6&b.hidden=4&b.inputs=2&b.batch=2&b.seed=4",
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(1 + 5 + 6);
    const parsed = parseSimConfig({ model: "lstm", steps: 6, hidden: 4, inputs: 2, batch: 2, seed: 4 });
    if (!parsed.ok) throw new Error("config");
    const lstm = simulate(parsed.config, { timing: false });
    if (lstm.model !== "lstm") throw new Error("lstm expected");
    const row = lines[6]?.split(",") ?? [];
    expect(row.slice(0, 4)).toEqual(["b", "lstm", "timestep", "1"]);
    expect(Number(row[4])).toBe(lstm.timesteps[0]?.hiddenGradNorm);
    expect(Number(row[6])).toBe(lstm.timesteps[0]?.cellGradNorm);
  });

  it("serves a Transformer's per-position gradient norms as position rows (stream, position) beside its block rows", async () => {
    const res = await get(
      "a.model=transformer&a.depth=2&a.dModel=8&a.heads=2&a.seqLen=3&a.batch=2&a.loss=last&a.seed=5",
    );
    expect(res.status).toBe(200);
    const [header, ...lines] = (await res.text()).trimEnd().split("\n");
    const names = header?.split(",") ?? [];
    const rows = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i], v])));
    const parsed = parseSimConfig({
      model: "transformer",
      depth: 2,
      dModel: 8,
      heads: 2,
      seqLen: 3,
      batch: 2,
      loss: "last",
      seed: 5,
    });
    if (!parsed.ok) throw new Error("config");
    const tr = simulate(parsed.config, { timing: false });
    if (tr.model !== "transformer") throw new Error("transformer expected");
    const positions = rows.filter((r) => r.row === "position");
    expect(positions.map((r) => `${r.index}:${r.position}`)).toEqual([
      "0:1",
      "0:2",
      "0:3",
      "1:1",
      "1:2",
      "1:3",
      "2:1",
      "2:2",
      "2:3",
    ]);
    expect(positions.slice(0, 3).map((r) => Number(r.backward_grad_norm))).toEqual(
      tr.positions.map((p) => p.inputGradNorm),
    );
    expect(positions.slice(3, 6).map((r) => Number(r.backward_grad_norm))).toEqual(tr.layers[0]?.positionGradNorms);
  });

  it("answers an invalid or over-budget config with a 400 naming the config and field", async () => {
    const bad = await get("a.model=mlp&b.model=mlp&b.depth=0");
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.issues[0]).toMatchObject({ path: "b.depth" });
    expect(body.error).toMatch(/depth must be an integer from 1 to 200/);

    const over = await get("a.model=mlp&a.depth=200&a.width=512&a.batch=256");
    expect(over.status).toBe(400);
    expect((await over.json()).error).toMatch(/over the limit/);
  });

  it("asks for a config when given none", async () => {
    const res = await get("");
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/Give one to three configs/);
  });
});
