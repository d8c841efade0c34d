/**
 * Idempotent seed of the question bank: upsert by slug, skip files whose content hash is
 * unchanged, never delete user data. A question removed from content/ is unpublished, not
 * deleted, because attempts and cards refer to it.
 */
import type { LoadedQuestion } from "@/lib/content/load";
import { LOCALES } from "@/lib/i18n/locales";
import { jsonNulls, type Prisma, type PrismaClient } from "./prisma";

export type SeedReport = { created: string[]; updated: string[]; unchanged: number; unpublished: string[] };

export async function seedQuestionBank(prisma: PrismaClient, bank: LoadedQuestion[]): Promise<SeedReport> {
  const report: SeedReport = { created: [], updated: [], unchanged: 0, unpublished: [] };
  const existing = new Map(
    (
      await prisma.question.findMany({ select: { slug: true, contentHash: true, published: true, position: true } })
    ).map((q) => [q.slug, q]),
  );

  for (const loaded of bank) {
    const { question: q, hash, position } = loaded;
    const before = existing.get(q.slug);
    if (before && before.contentHash === hash && before.published && before.position === position) {
      report.unchanged++;
      continue;
    }
    // One transaction per question: a failure leaves that question as it was.
    await prisma.$transaction(async (tx) => {
      const spec =
        q.type === "choice" ? { choice: q.choice } : q.type === "prediction" ? { prediction: q.prediction } : undefined;
      const data = {
        topic: q.topic,
        difficulty: q.difficulty,
        type: q.type,
        published: true,
        spec: spec ? (spec as Prisma.InputJsonValue) : jsonNulls(prisma).DbNull,
        references: q.references as Prisma.InputJsonValue,
        contentHash: hash,
        position,
      };
      const row = await tx.question.upsert({
        where: { slug: q.slug },
        create: { slug: q.slug, ...data },
        update: data,
      });

      for (const lang of LOCALES) {
        const t = {
          title: q.title[lang],
          prompt: q.prompt[lang],
          shortAnswer: q.shortAnswer[lang],
          answer: q.answer[lang],
          keyPoints: q.keyPoints[lang],
          wrongAnswers: q.wrongAnswers.map((w) => ({ claim: w.claim[lang], why: w.why[lang] })),
        };
        await tx.questionTranslation.upsert({
          where: { questionId_lang: { questionId: row.id, lang } },
          create: { questionId: row.id, lang, ...t },
          update: t,
        });
      }

      await tx.questionTag.deleteMany({ where: { questionId: row.id } });
      for (const tagSlug of new Set(q.tags)) {
        const tag = await tx.tag.upsert({ where: { slug: tagSlug }, create: { slug: tagSlug }, update: {} });
        await tx.questionTag.create({ data: { questionId: row.id, tagId: tag.id } });
      }

      await tx.scenario.deleteMany({ where: { questionId: row.id, key: { notIn: q.scenarios.map((s) => s.key) } } });
      for (const [i, s] of q.scenarios.entries()) {
        const sd = {
          position: i,
          title: s.title,
          caption: s.caption,
          problem: s.problem as Prisma.InputJsonValue,
          fixes: s.fixes as Prisma.InputJsonValue,
        };
        await tx.scenario.upsert({
          where: { questionId_key: { questionId: row.id, key: s.key } },
          create: { questionId: row.id, key: s.key, ...sd },
          update: sd,
        });
      }
    });
    (before ? report.updated : report.created).push(q.slug);
  }

  const slugs = new Set(bank.map((l) => l.question.slug));
  const gone = [...existing.values()].filter((q) => q.published && !slugs.has(q.slug)).map((q) => q.slug);
  if (gone.length > 0) {
    await prisma.question.updateMany({ where: { slug: { in: gone } }, data: { published: false } });
    report.unpublished = gone;
  }
  return report;
}
