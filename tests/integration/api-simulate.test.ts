import { afterAll, describe, expect, it } from "vitest";
import { GET as getQuestions } from "@/app/api/questions/route";
import { GET, POST } from "@/app/api/simulate/route";
import { prisma } from "@/lib/db/client.server";
import { configToSearchParams, estimateFlops, FLOP_BUDGET, parseSimConfig, type SimConfig } from "@/lib/sim";

afterAll(() => prisma.$disconnect());

const get = (query: string, headers: HeadersInit = {}) =>
  GET(new Request(`http://localhost/api/simulate?${query}`, { headers }));
const post = (body: string, type = "application/json") =>
  POST(new Request("http://localhost/api/simulate", { method: "POST", body, headers: { "content-type": type } }));

describe("GET /api/simulate", () => {
  it("runs a config from flat query parameters and fills every default", async () => {
    const res = await get("model=mlp&depth=12&width=16&batch=8&activation=sigmoid&init=xavier&seed=3");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(body.model).toBe("mlp");
    expect(body.layers).toHaveLength(12);
    expect(body.summary.verdict).toBe("vanishing");
    expect(body.meta.config).toMatchObject({ depth: 12, width: 16, batch: 8, norm: "none", residual: false, seed: 3 });
  });

  it("serves the same bytes from its cache with a strong ETag, and 304 when the client has them", async () => {
    const q = "model=rnn&steps=20&hidden=8&inputs=4&batch=4&spectralRadius=0.8&seed=1";
    const first = await get(q);
    const second = await get(q);
    expect(second.headers.get("x-sim-cache")).toBe("hit");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/); // strong: no W/ prefix
    expect(second.headers.get("etag")).toBe(etag);
    expect(await second.text()).toBe(await first.text());
    expect(first.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const revalidated = await get(q, { "if-none-match": etag ?? "" });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
  });

  it("keys the cache by canonical config: parameter order and spelled-out defaults do not matter", async () => {
    const a = await get("model=mlp&depth=5&width=8&batch=4&seed=11");
    const b = await get("seed=11&batch=4&width=8&depth=5&model=mlp&norm=none&residual=false");
    expect(b.headers.get("x-sim-cache")).toBe("hit");
    expect(b.headers.get("etag")).toBe(a.headers.get("etag"));
  });

  it.each([
    ["", /Give a config as query parameters/],
    ["model=cnn", /model must be one of mlp, rnn, lstm, gru, transformer/],
    ["model=transformer&dModel=30&heads=4", /heads must divide dModel/],
    ["model=mlp&train.truncation=5", /train.truncation applies only to the recurrent models/],
    ["model=mlp&depth=0", /depth must be an integer from 1 to/],
    ["model=mlp&activation=swish", /activation must be one of/],
    ["model=mlp&depth=5&colour=red", /unknown field "colour"/],
    ["model=mlp&depth=5&depth=6", /depth/],
  ])("rejects %j with a 400 naming the problem", async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatch(message);
  });

  it("runs a Transformer from query parameters, with its per-block attention statistics", async () => {
    const res = await get(
      "model=transformer&depth=3&dModel=16&heads=2&seqLen=6&batch=2&norm=post&attentionScale=none&train.steps=3&train.optimizer=adamw&train.weightDecay=0.1&train.schedule.kind=linear-warmup&train.schedule.warmupSteps=2",
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.model).toBe("transformer");
    expect(body.layers).toHaveLength(3);
    expect(body.layers[0].attentionEntropy).toBeGreaterThan(0);
    expect(Object.keys(body.layers[0].weightGradNorms)).toEqual(["wq", "wk", "wv", "wo", "w1", "w2"]);
    expect(body.positions).toHaveLength(6);
    expect(body.layers[2].positionGradNorms).toHaveLength(6);
    expect(body.history.map((h: { lr: number }) => h.lr)).toEqual([0.005, 0.01, 0.01]);
    expect(body.meta.config).toMatchObject({ ffnMult: 4, causal: true, init: "xavier", train: { weightDecay: 0.1 } });
  });

  it("refuses a config over the cost budget, saying why", async () => {
    const res = await get("model=mlp&depth=200&width=512&batch=256&train.steps=2000");
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/budget|too expensive|cost/i);
  });
});

describe("POST /api/simulate", () => {
  it("runs a JSON config", async () => {
    const res = await post(JSON.stringify({ model: "lstm", steps: 15, hidden: 8, inputs: 4, batch: 4, seed: 2 }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.timesteps).toHaveLength(15);
    expect(body.timesteps[0].cellGradNorm).toBeGreaterThan(0);
  });

  it.each([
    ["{not json", "application/json", 400, /not valid JSON/],
    ['{"model":"mlp","depth":"deep"}', "application/json", 400, /depth/],
    ['{"model":"mlp"}', "text/plain", 415, /content-type: application\/json/],
    [JSON.stringify({ model: "mlp", pad: "x".repeat(20_000) }), "application/json", 413, /too large \(limit 16 KB\)/],
  ])("answers %s (%s) with %i", async (body, type, status, message) => {
    const res = await post(body, type);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(message);
  });
});

describe("running off the request thread", () => {
  /** The most training steps a depth-50, width-256, batch-64 tanh MLP may take within the budget. */
  function largestAllowedRun(): SimConfig {
    const base = {
      model: "mlp",
      depth: 50,
      width: 256,
      batch: 64,
      activation: "tanh",
      init: "xavier",
      seed: 0,
    } as const;
    let best: SimConfig | undefined;
    for (let steps = 1; steps <= 2000; steps++) {
      const parsed = parseSimConfig({ ...base, train: { steps, optimizer: "sgd", lr: 0.01 } });
      if (!parsed.ok) break;
      best = parsed.config;
    }
    if (!best) throw new Error("no training run of the reference MLP fits the budget");
    return best;
  }

  it("answers other requests while the largest allowed run computes", async () => {
    const heavy = largestAllowedRun();
    expect(estimateFlops(heavy)).toBeLessThanOrEqual(FLOP_BUDGET);
    let heavyDone = false;
    const heavyRequest = get(configToSearchParams(heavy).toString()).then((res) => {
      heavyDone = true;
      return res;
    });

    // A small uncached simulation and a database-backed API both complete meanwhile.
    const small = await get("model=mlp&depth=6&width=8&batch=4&seed=424242");
    expect(small.status).toBe(200);
    const questions = await getQuestions(new Request("http://localhost/api/questions?lang=zh"));
    expect(questions.status).toBe(200);
    expect(heavyDone).toBe(false);

    const res = await heavyRequest;
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.history).toHaveLength(heavy.train?.steps ?? 0);
  }, 60_000);
});
