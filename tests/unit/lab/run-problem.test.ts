/**
 * Every way a lab run can fail is said in the learner's language: the server's answer read by its
 * status, Retry-After and refusal reason (never its English text), and each problem worded in
 * English and Chinese from the real message files.
 */
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { type LabT, runProblemWords } from "@/components/lab/words";
import { REFUSAL_REASONS } from "@/lib/http/refusal-reasons";
import { messagesFor } from "@/lib/i18n/messages";
import { problemOfResponse, type RunProblem } from "@/lib/lab/run-problem";
import { parseSimConfig } from "@/lib/sim";

const body = (value: unknown) => JSON.stringify(value);

describe("problemOfResponse", () => {
  it("a refusal names its reason and when to come back", () => {
    for (const reason of REFUSAL_REASONS) {
      const status = reason === "clientBusy" || reason === "clientQuota" ? 429 : 503;
      expect(problemOfResponse(status, "17", body({ error: "English text", reason }))).toEqual({
        kind: "refused",
        reason,
        seconds: 17,
      });
    }
  });

  it("a 503 without a reason is an outage; a missing or junk Retry-After waits 5 s", () => {
    expect(problemOfResponse(503, "3", body({ error: "服务暂时不可用" }))).toEqual({ kind: "unavailable", seconds: 3 });
    expect(problemOfResponse(503, null, "<html>Bad gateway</html>")).toEqual({ kind: "unavailable", seconds: 5 });
    expect(problemOfResponse(503, "soon", body({ reason: "made-up" }))).toEqual({ kind: "unavailable", seconds: 5 });
    expect(problemOfResponse(429, "1.2", body({ reason: "busy" }))).toEqual({
      kind: "refused",
      reason: "busy",
      seconds: 2,
    });
  });

  it("a 400 keeps the engine's problems (well-formed ones only) for the lab to word", () => {
    const over = parseSimConfig({ model: "mlp", depth: 150, width: 256, batch: 64 });
    expect(over.ok).toBe(false);
    const issues = over.ok ? [] : over.errors;
    expect(problemOfResponse(400, null, body({ error: "Invalid simulation config — …", issues }))).toEqual({
      kind: "invalid",
      issues,
    });
    expect(
      problemOfResponse(400, null, body({ issues: [{ path: 1 }, null, { path: "depth", message: "x" }] })),
    ).toEqual({
      kind: "invalid",
      issues: [{ path: "depth", message: "x" }],
    });
    expect(problemOfResponse(400, null, "not json")).toEqual({ kind: "invalid", issues: [] });
  });

  it("anything else is its status", () => {
    expect(problemOfResponse(500, null, "Internal Server Error")).toEqual({ kind: "server", status: 500 });
    expect(problemOfResponse(429, "4", body({ error: "slow down" }))).toEqual({ kind: "server", status: 429 });
  });
});

describe("runProblemWords", () => {
  const overBudget = parseSimConfig({ model: "mlp", depth: 150, width: 256, batch: 64 });
  const problems: RunProblem[] = [
    ...REFUSAL_REASONS.map((reason) => ({ kind: "refused" as const, reason, seconds: 7 })),
    { kind: "unavailable", seconds: 7 },
    { kind: "invalid", issues: overBudget.ok ? [] : overBudget.errors },
    { kind: "invalid", issues: [{ path: "depth", message: "Too big: expected number to be <=200" }] },
    { kind: "invalid", issues: [] },
    { kind: "offline" },
    { kind: "engine" },
    { kind: "server", status: 502 },
  ];

  for (const locale of ["en", "zh"] as const) {
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "lab" }) as unknown as LabT;
    const words = (p: RunProblem) => runProblemWords(t, "b", "mlp", p);

    it(`${locale}: every problem is a sentence of the lab's messages, none repeats the engine's English`, () => {
      const said = problems.map(words);
      for (const [i, s] of said.entries()) {
        expect(s, JSON.stringify(problems[i])).not.toMatch(/[{}]|GFLOP|expected number|lab\./);
        if (locale === "zh") expect(s.replace(/HTTP/g, ""), s).not.toMatch(/[A-Za-z]{3,}/);
      }
      expect(new Set(said).size).toBe(said.length);
      expect(said[0]).toContain("7");
      expect(said[REFUSAL_REASONS.length + 1]).toContain(locale === "en" ? "Config B" : "配置 B");
      expect(said[REFUSAL_REASONS.length + 1]).toContain(t("errorBudget", { reduce: "mlp" }));
      expect(said[REFUSAL_REASONS.length + 2]).toContain(t("errorInteger", { min: 1, max: 200 }));
      expect(said.at(-1)).toContain("502");
    });
  }
});
