/** What counts as an answer (tampered input is refused, not graded) and the stated tolerance. */
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/drills/catalog";
import { parseSeedSegment } from "@/lib/drills/families";
import type { AnswerForm } from "@/lib/drills/family";
import { gradeAnswer, parseAnswerField } from "@/lib/drills/grade";
import { runEngine } from "./support";

const estimate: AnswerForm = { type: "estimate", tolerance: 1, min: -400, max: 400 };
const choice: AnswerForm = {
  type: "choice",
  choices: [
    { id: "yes", label: { key: "yes" } },
    { id: "no", label: { key: "no" } },
  ],
};

describe("parseAnswerField", () => {
  it("reads numbers as people type them, with a minus sign or a hyphen", () => {
    expect(parseAnswerField(estimate, " -3.5 ")).toBe(-3.5);
    expect(parseAnswerField(estimate, "−3")).toBe(-3);
    expect(parseAnswerField(estimate, "0")).toBe(0);
  });
  it.each([["NaN"], [""], ["abc"], ["1e999"], ["401"], ["-401"], ["Infinity"], ["1".repeat(41)]])(
    "refuses the estimate %j",
    (field) => expect(parseAnswerField(estimate, field)).toBeNull(),
  );
  it("refuses a choice it does not offer, and anything that is not a string", () => {
    expect(parseAnswerField(choice, "yes")).toBe("yes");
    expect(parseAnswerField(choice, "maybe")).toBeNull();
    expect(parseAnswerField(choice, "__proto__")).toBeNull();
    expect(parseAnswerField(choice, null)).toBeNull();
    expect(parseAnswerField(estimate, 3)).toBeNull();
  });
});

describe("gradeAnswer", () => {
  it("counts an estimate right within ±1 decade and reports the error in decades", async () => {
    const p = await CATALOG["estimate-ratio"].generate(5, runEngine);
    if (!p || typeof p.expected !== "number") throw new Error("no estimate problem");
    const e = p.expected;
    expect(gradeAnswer(p, e + 0.999).correct).toBe(true);
    expect(gradeAnswer(p, e - 0.999).correct).toBe(true);
    expect(gradeAnswer(p, e + 1.001).correct).toBe(false);
    expect(gradeAnswer(p, e - 2).errorDecades).toBeCloseTo(2, 12);
  });
  it("counts a choice right only when it is the engine's", async () => {
    const p = await CATALOG["verdict-rnn"].generate(9, runEngine);
    if (p?.answer.type !== "choice") throw new Error("no choice problem");
    for (const c of p.answer.choices) expect(gradeAnswer(p, c.id).correct).toBe(c.id === p.expected);
  });
});

describe("parseSeedSegment", () => {
  it("takes digits within 0 … 2³¹ − 1 and nothing else", () => {
    expect(parseSeedSegment("0")).toBe(0);
    expect(parseSeedSegment("2147483647")).toBe(2147483647);
    for (const bad of ["2147483648", "-1", "1e3", " 1", "0x10", "", "12345678901", "1.0"])
      expect(parseSeedSegment(bad)).toBeNull();
  });
});
