/** The CLI (scripts/sim.ts), spawned as `tsx scripts/sim.ts`. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const sim = (args: string[], input?: string) =>
  spawnSync(tsx, ["scripts/sim.ts", ...args], { cwd: root, input, encoding: "utf8", timeout: 60_000 });

describe("scripts/sim.ts", () => {
  it("prints one result line for a JSON argument", () => {
    const r = sim(['{"model":"mlp","depth":3,"width":4}']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string);
    expect(result.model).toBe("mlp");
    expect(result.layers).toHaveLength(3);
    expect(result.meta.config).toMatchObject({ depth: 3, width: 4, batch: 32 });
  });

  it("runs the Transformer and the RNN's new knobs through the same schema", () => {
    const r = sim(
      ["-", "--no-timing"],
      [
        '{"model":"transformer","depth":2,"dModel":8,"heads":2,"seqLen":3,"batch":1,"norm":"none","loss":"last"}',
        '{"model":"rnn","steps":4,"hidden":3,"recurrentInit":"identity","activation":"relu","loss":"all","train":{"steps":2,"truncation":2}}',
        '{"model":"transformer","heads":3}',
      ].join("\n"),
    );
    expect(r.status).toBe(2);
    const [t, rnn] = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(t.model).toBe("transformer");
    expect(t.layers[1].attentionMaxProb).toBeGreaterThan(0);
    // per position: the input's gradient, and each block's (loss "last": the last block's earlier positions get none)
    expect(t.positions.map((p: { t: number }) => p.t)).toEqual([1, 2, 3]);
    expect(t.positions[0].inputGradNorm).toBeGreaterThan(0);
    expect(t.layers[1].positionGradNorms).toEqual([0, 0, expect.any(Number)]);
    expect(rnn.meta.config.train.truncation).toBe(2);
    expect(r.stderr).toMatch(/line 3: .*heads must divide dModel/);
  });

  it("rejects a bad config with exit code 2 and a message naming the field and its range", () => {
    const r = sim(['{"model":"mlp","depth":1000}']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/depth: depth must be an integer from 1 to 200/);
  });

  it("streams one result per stdin line with -, reports bad lines by number, goes on, exits 2", () => {
    const input = [
      '{"model":"rnn","steps":3,"hidden":2}',
      "",
      '{"model":"lstm","forgetBias":99}',
      "{oops",
      '{"model":"gru","steps":2,"hidden":2}',
    ].join("\n");
    const r = sim(["-", "--no-timing"], input);
    expect(r.status).toBe(2);
    const out = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.model)).toEqual(["rnn", "gru"]);
    expect(out[0].meta.elapsedMs).toBe(0);
    expect(r.stderr).toMatch(/line 3: invalid config: forgetBias: forgetBias must be a number from -20 to 20/);
    expect(r.stderr).toMatch(/line 4: invalid config: invalid JSON/);
  });

  it("exits 0 in - mode when every line is valid, with identical bytes for identical lines (--no-timing)", () => {
    const line = '{"model":"mlp","depth":2,"width":3,"seed":5}';
    const r = sim(["-", "--no-timing"], `${line}\n${line}\n`);
    expect(r.status).toBe(0);
    const [a, b] = r.stdout.trimEnd().split("\n");
    expect(a).toBe(b);
  });
});
