import { describe, expect, it } from "vitest";
import { filterQuestions, type QuestionListEntry, searchTextsOf } from "@/lib/db/questions.server";

/** An entry shown in English; `zh` is its Chinese title and prompt, which the search also reads. */
const entry = (
  slug: string,
  over: Partial<Omit<QuestionListEntry, "searchTexts">> = {},
  zh: { title: string; prompt: string } = { title: "", prompt: "" },
): QuestionListEntry => {
  const shown: Omit<QuestionListEntry, "searchTexts"> = {
    slug,
    topic: "fundamentals",
    difficulty: 1,
    type: "flashcard",
    title: slug,
    prompt: "",
    shortAnswer: "",
    tags: [],
    number: 1,
    ...over,
  };
  return { ...shown, searchTexts: searchTextsOf([shown, zh], shown.tags) };
};

describe("filterQuestions (the list's filters, applied to the bank in memory)", () => {
  const all = [
    entry("a", { title: "Why gradients vanish", difficulty: 1, number: 1 }, { title: "梯度为何消失", prompt: "" }),
    entry(
      "b",
      { title: "Clipping", prompt: "When do you CLIP by norm?", difficulty: 3, type: "choice", number: 2 },
      { title: "梯度裁剪", prompt: "何时按范数裁剪？" },
    ),
    entry("c", { title: "He init", topic: "initialization", difficulty: 3, tags: ["kaiming", "relu"], number: 3 }),
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

  it("finds the other language's title and prompt, and tags, while showing this language", () => {
    expect(filterQuestions(all, { search: "梯度" }).map((q) => q.slug)).toEqual(["a", "b"]);
    expect(filterQuestions(all, { search: "范数" }).map((q) => q.title)).toEqual(["Clipping"]);
    expect(filterQuestions(all, { search: "KAIMING" }).map((q) => q.slug)).toEqual(["c"]);
    expect(filterQuestions(all, { search: "梯度", difficulty: 3 }).map((q) => q.slug)).toEqual(["b"]);
  });

  it("keeps each entry's number (its place in the bank), whatever the filter", () => {
    expect(filterQuestions(all, { difficulty: 3 }).map((q) => q.number)).toEqual([2, 3]);
  });
});
