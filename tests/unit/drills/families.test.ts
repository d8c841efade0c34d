/**
 * What every family shows the learner, in both languages, and what the new families ask: every
 * text of a problem (prompt, choices, runs, the explanation, the chart's marks for every possible
 * answer) is a message of both languages with all its values; after any answer the charts mark
 * the learner's answer and the engine's on a chart the runs draw; the smallest-gradient, the
 * healthy-fix and the Pre-/Post-LN families give answers of every kind they offer.
 */
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/drills/catalog";
import { DRILL_FAMILIES, type DrillFamilyId } from "@/lib/drills/families";
import type { DrillAnswer, DrillMark, Text } from "@/lib/drills/family";
import type { Problem } from "@/lib/drills/generate";
import { gradeAnswer } from "@/lib/drills/grade";
import { LOCALES } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { canonical, runEngine } from "./support";

const SEEDS = Array.from({ length: 24 }, (_, i) => 1000 + 37 * i);

async function problems(family: DrillFamilyId, seeds = SEEDS): Promise<Problem[]> {
  return Promise.all(
    seeds.map(async (seed) => {
      const p = await CATALOG[family].generate(seed, runEngine);
      if (!p) throw new Error(`${family}/${seed}: no problem`);
      return p;
    }),
  );
}

/** The answers a learner could give: every choice, or estimates near, far off and at the limits. */
function possibleAnswers(p: Problem): DrillAnswer[] {
  if (p.answer.type === "choice") return p.answer.choices.map((c) => c.id);
  const e = Number(p.expected);
  return [e, e + 0.5, e - 3, p.answer.min, p.answer.max];
}

function textsOf(p: Problem): Text[] {
  const marks = possibleAnswers(p).map((a) => p.marks(a));
  return [
    ...p.prompt,
    ...(p.answer.type === "choice" ? p.answer.choices.map((c) => c.label) : []),
    ...p.runs.map((r) => r.label),
    p.explanation.estimate,
    p.explanation.measured,
    p.explanation.why,
    ...marks.flatMap((m) => [...m.marks.map((k) => k.label), ...(m.runTags ?? []).flat()]),
  ];
}

/** The charts a problem's runs draw: their profile axes, and the loss chart when a run trains. */
function chartsOf(p: Problem): Map<DrillMark["chart"], number> {
  const charts = new Map<DrillMark["chart"], number>();
  for (const r of p.results) {
    if (r.model === "mlp") charts.set("layer", r.layers.length);
    else if (r.model === "transformer") charts.set("block", r.layers.length);
    else charts.set("step", r.timesteps.length);
    if (r.history.length > 0) charts.set("loss", r.history.length);
  }
  return charts;
}

describe.each(DRILL_FAMILIES)("drill family %s", (family) => {
  it("speaks every text in both languages, with all its values", async () => {
    for (const p of await problems(family, SEEDS.slice(0, 8)))
      for (const locale of LOCALES) {
        const t = createTranslator({
          locale,
          messages: messagesFor(locale),
          namespace: "drills",
          onError: (error) => {
            throw error;
          },
        }) as unknown as (key: string, values?: Record<string, string | number>) => string;
        for (const text of textsOf(p)) {
          const said = t(text.key, text.values);
          expect(said, `${locale} ${text.key}`).not.toBe(`drills.${text.key}`);
          expect(said, `${locale} ${text.key}`).not.toMatch(/[{}]/);
        }
      }
  });

  it("marks every answer the learner can give beside the engine's, on a chart the runs draw", async () => {
    for (const p of await problems(family, SEEDS.slice(0, 8))) {
      const charts = chartsOf(p);
      for (const answer of possibleAnswers(p)) {
        const { marks, runTags = [] } = p.marks(answer);
        const correct = gradeAnswer(p, answer).correct;
        // the learner's answer: a mark of their own, or (a pick of a run) their run named, or one mark for both when they agree
        const mine =
          marks.some((m) => m.tone === "learner") ||
          runTags.flat().some((tag) => tag.key === "tag_yourPick") ||
          (correct && marks.some((m) => m.tone === "model" && /^mark_pick/.test(m.label.key)));
        expect(mine, `${p.family}/${p.seed} answer ${answer}`).toBe(true);
        expect(marks.some((m) => m.tone === "model")).toBe(true);
        for (const m of marks) {
          const count = charts.get(m.chart);
          expect(count, `${m.chart} chart`).toBeDefined();
          if (m.type !== "y") expect(m.x >= 1 && m.x <= (count ?? 0)).toBe(true);
          if (m.type !== "x") expect(Number.isFinite(m.y) && m.y > 0).toBe(true);
        }
      }
    }
  });
});

describe("the new families", () => {
  it("smallest gradient: the first and the last offered position both come up, and a pick is right only when it is the engine's", async () => {
    const ps = await problems("smallest-gradient");
    const where = new Set(
      ps.map((p) => {
        const ids = p.answer.type === "choice" ? p.answer.choices.map((c) => c.id) : [];
        return p.expected === ids[0] ? "first" : p.expected === ids[ids.length - 1] ? "last" : "between";
      }),
    );
    expect(where).toContain("first");
    expect(where).toContain("last");
    expect(new Set(ps.map((p) => p.prompt[0]?.key))).toEqual(new Set(["smallest_prompt_mlp", "smallest_prompt_rnn"]));
    for (const p of ps.slice(0, 6))
      for (const id of possibleAnswers(p)) expect(gradeAnswer(p, id).correct).toBe(id === p.expected);
  });

  it("healthy fix: 3–4 changes, clipping never the cure, the cures of several kinds", async () => {
    const ps = await problems("healthy-fix");
    for (const p of ps) {
      if (p.answer.type !== "choice") throw new Error("a choice");
      expect(p.answer.choices.length).toBeGreaterThanOrEqual(3);
      expect(p.answer.choices.length).toBeLessThanOrEqual(4);
      expect(p.results).toHaveLength(p.answer.choices.length + 1);
      expect(p.expected).not.toBe("clip");
    }
    expect(new Set(ps.map((p) => p.expected)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(ps.map((p) => p.prompt[0]?.key))).toEqual(new Set(["fix_prompt_vanishing", "fix_prompt_exploding"]));
  });

  it("Pre-LN vs Post-LN: the bands the theory predicts come up (within 2× with tiny weights, 2–4× and beyond with Xavier)", async () => {
    const ps = await problems("transformer-ln");
    expect(new Set(ps.map((p) => p.expected))).toEqual(new Set(["similar", "post-2-4", "post-over-4"]));
    for (const p of ps) {
      const config = canonical(p.runs[0]?.config);
      if (config.model !== "transformer") throw new Error("a transformer");
      const { depth, init } = config;
      const xavier = init === "xavier";
      // √(1 + 2L): 2.6× at 3 blocks, 5× at 12 — the back-of-the-envelope band is the engine's
      if (xavier) expect(p.expected).toBe(depth >= 12 ? "post-over-4" : "post-2-4");
      else expect(p.expected).toBe("similar");
    }
  });
});
