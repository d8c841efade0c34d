/** The published question bank in one language, as deck notes for the Anki/CSV export. */
import "server-only";
import type { DeckNote } from "@/lib/flashcards/deck-export";
import type { Locale } from "@/lib/i18n/locales";
import { prisma } from "./client.server";

export async function deckNotes(lang: Locale): Promise<DeckNote[]> {
  const rows = await prisma.question.findMany({
    where: { published: true },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: {
      slug: true,
      topic: true,
      difficulty: true,
      type: true,
      translations: { where: { lang }, select: { title: true, prompt: true, answer: true, keyPoints: true } },
      tags: { select: { tag: { select: { slug: true } } } },
    },
  });
  return rows.flatMap((q) => {
    const t = q.translations[0];
    if (!t) return [];
    const keyPoints = Array.isArray(t.keyPoints) ? t.keyPoints.filter((p): p is string => typeof p === "string") : [];
    return [
      {
        slug: q.slug,
        title: t.title,
        prompt: t.prompt,
        answer: t.answer,
        keyPoints,
        tags: [
          `topic::${q.topic}`,
          `difficulty::${q.difficulty}`,
          `type::${q.type}`,
          ...q.tags.map((x) => x.tag.slug).sort(),
        ],
      },
    ];
  });
}
