/**
 * Personal FSRS parameters end to end on a real database (ADR 0028): a learner with a known
 * forgetting curve (tests/support/synthetic-learner.ts) studies every card through submitReview
 * for half a year, reviewing each when the app schedules it; the fit reads that log, is stored
 * validated, schedules the next reviews, and goes back to the defaults on reset.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitReview } from "@/lib/db/cards.server";
import { prisma } from "@/lib/db/client.server";
import { getFsrsFit } from "@/lib/db/fsrs-fit.server";
import { getStudySettings } from "@/lib/db/users.server";
import { newCard, review } from "@/lib/flashcards/fsrs";
import { FsrsFitSchema, MIN_FIT_REVIEWS } from "@/lib/flashcards/fsrs-fit";
import { fitPersonalParameters, refitIfDue, resetPersonalParameters } from "@/lib/optimizer/personal-parameters.server";
import { learnerMemory, rng } from "@/tests/support/synthetic-learner";

afterAll(() => prisma.$disconnect());

const DAY = 86_400_000;
const START = Date.parse("2026-01-05T08:00:00Z");
const END = START + 180 * DAY;
let slugs: string[] = [];
let learner = "";

beforeAll(async () => {
  slugs = (await prisma.question.findMany({ where: { published: true }, select: { slug: true } })).map((q) => q.slug);
  // 40 cards over half a year: about a thousand reviews, of which several hundred a day or more apart
  learner = (await prisma.user.create({ data: {} })).id;
  const random = rng(11);
  for (const [i, questionSlug] of slugs.slice(0, 40).entries()) {
    const answer = learnerMemory(random);
    let at = START + (i % 20) * DAY; // 20 new cards a day
    let last = at;
    while (at < END) {
      const elapsed = Math.floor(at / DAY) - Math.floor(last / DAY);
      const rating = answer(elapsed);
      const res = await submitReview({
        userId: learner,
        questionSlug,
        rating,
        requestId: randomUUID(),
        now: new Date(at),
      });
      if (!res.ok) throw new Error(res.error);
      last = at;
      at = Math.max(res.review.card.due.getTime(), at + 60_000);
    }
  }
}, 240_000);

describe("personal FSRS parameters", () => {
  it("are fitted from the learner's log, predict it, and are stored as the schema says", async () => {
    const fit = await fitPersonalParameters(learner, new Date(END));
    if (fit?.status !== "fitted") throw new Error(`not fitted: ${JSON.stringify(fit)}`);
    expect(fit.reviews).toBeGreaterThanOrEqual(MIN_FIT_REVIEWS);
    expect(fit.logs).toBe(await prisma.reviewLog.count({ where: { userId: learner } }));
    // the defaults under-predict this learner's recall; the fitted parameters come closer to it
    const actual = fit.fitted.actual;
    expect(fit.defaults.actual).toBe(actual);
    expect(fit.defaults.predicted).toBeLessThan(actual);
    expect(Math.abs(fit.fitted.predicted - actual)).toBeLessThan(actual - fit.defaults.predicted);
    expect(Math.abs(fit.fitted.predicted - actual)).toBeLessThan(0.02);
    expect(fit.fitted.logLoss).toBeLessThan(fit.defaults.logLoss);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: learner }, select: { fsrsFit: true } });
    expect(FsrsFitSchema.parse(stored.fsrsFit)).toEqual(fit);
    expect((await getStudySettings(learner)).parameters).toEqual(fit.parameters);
  });

  it("schedule the learner's next reviews", async () => {
    const { parameters, desiredRetention } = await getStudySettings(learner);
    if (!parameters) throw new Error("no parameters");
    const card = await prisma.card.findFirstOrThrow({ where: { userId: learner, state: 2 }, orderBy: { due: "asc" } });
    const question = await prisma.question.findUniqueOrThrow({ where: { id: card.questionId } });
    const now = new Date(card.due.getTime() + DAY);
    const res = await submitReview({
      userId: learner,
      questionSlug: question.slug,
      rating: 3,
      requestId: randomUUID(),
      now,
    });
    if (!res.ok) throw new Error(res.error);
    const before = { ...card, state: 2 as const };
    const personal = review(before, 3, now, { desiredRetention, parameters }).card.due;
    const defaults = review(before, 3, now, { desiredRetention }).card.due;
    expect(res.review.card.due).toEqual(personal);
    // this learner forgets more slowly than FSRS assumes: their own parameters wait longer
    expect(personal.getTime()).toBeGreaterThan(defaults.getTime());
  });

  it("are not refitted after one more review, and a reset holds until the learner asks again", async () => {
    const { at } = (await getFsrsFit(learner)) ?? { at: "" };
    await refitIfDue(learner);
    expect((await getFsrsFit(learner))?.at).toBe(at);

    await resetPersonalParameters(learner, new Date(END + DAY));
    expect((await getFsrsFit(learner))?.status).toBe("reset");
    expect((await getStudySettings(learner)).parameters).toBeNull();
    await refitIfDue(learner);
    expect((await getFsrsFit(learner))?.status).toBe("reset");
    expect((await fitPersonalParameters(learner, new Date(END + 2 * DAY)))?.status).toBe("fitted");
  });

  it("keep the defaults for a learner with a few reviews, and for a stored set out of FSRS's bounds", async () => {
    const novice = (await prisma.user.create({ data: {} })).id;
    for (const [i, questionSlug] of slugs.slice(0, 3).entries()) {
      for (const d of [0, 1, 4]) {
        const now = new Date(START + (i + d) * DAY);
        await submitReview({ userId: novice, questionSlug, rating: 3, requestId: randomUUID(), now });
      }
    }
    const fit = await fitPersonalParameters(novice, new Date(END));
    expect(fit).toMatchObject({ status: "defaults", reason: "too_few_reviews", logs: 9, reviews: 6 });
    expect((await getStudySettings(novice)).parameters).toBeNull();

    const tampered = { ...((await getFsrsFit(learner)) as object), parameters: Array(21).fill(1e6) };
    await prisma.user.update({ where: { id: novice }, data: { fsrsFit: tampered } });
    expect(await getFsrsFit(novice)).toBeNull();
    expect((await getStudySettings(novice)).parameters).toBeNull();
    // and the scheduler then runs on the defaults
    const res = await submitReview({
      userId: novice,
      questionSlug: slugs[5] as string,
      rating: 3,
      requestId: randomUUID(),
      now: new Date(END),
    });
    if (!res.ok) throw new Error(res.error);
    expect(res.review.card.due).toEqual(review(newCard(new Date(END)), 3, new Date(END)).card.due);
  });
});
