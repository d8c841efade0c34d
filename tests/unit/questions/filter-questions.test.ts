import { describe, expect, it } from "vitest";
import { filterQuestions, type QuestionListEntry } from "@/lib/db/questions.server";

const entry = (slug: string, over: Partial<QuestionListEntry> = {}): QuestionListEntry => ({
  slug,
  topic: "fundamentals",
  difficulty: 1,
  type: "flashcard",
  title: slug,
  prompt: "",
  shortAnswer: "",
  tags: [],
  ...over,
});

describe("filterQuestions (the list's filters, applied to the bank in memory)", () => {
  const all = [
    entry("a", { title: "Why gradients vanish", difficulty: 1 }),
    entry("b", { title: "Clipping", prompt: "When do you CLIP by norm?", difficulty: 3, type: "choice" }),
    entry("c", { title: "He init", topic: "initialization", difficulty: 3 }),
  ];

  it("keeps the bank order and every entry without a filter", () => {
    expect(filterQuestions(all, {}).map((q) => q.slug)).toEqual(["a", "b", "c"]);
  });

  it("combines topic, difficulty and type, each an exact match", () => {
    expect(filterQuestions(all, { difficulty: 3 }).map((q) => q.slug)).toEqual(["b", "c"]);
    expect(filterQuestions(all, { difficulty: 3, type: "choice" }).map((q) => q.slug)).toEqual(["b"]);
    expect(filterQuestions(all, { topic: "initialization" }).map((q) => q.slug)).toEqual(["c"]);
  });

  it("searches title and prompt case-insensitively, ignoring surrounding blanks", () => {
    expect(filterQuestions(all, { search: "  clip " }).map((q) => q.slug)).toEqual(["b"]);
    expect(filterQuestions(all, { search: "VANISH" }).map((q) => q.slug)).toEqual(["a"]);
    expect(filterQuestions(all, { search: "nothing like this" })).toEqual([]);
  });
});
