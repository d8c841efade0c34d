import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStudyQueue, queueForReview, submitReview, undoLastReview } from "@/lib/db/cards.server";
import { prisma } from "@/lib/db/client.server";
import { newCard, previewIntervals } from "@/lib/flashcards/fsrs";

afterAll(() => prisma.$disconnect());

const NOW = new Date("2026-05-10T12:00:00Z");
const MIN = 60_000;
let slugs: string[] = [];

beforeAll(async () => {
  const qs = await prisma.question.findMany({
    where: { published: true },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: { slug: true },
  });
  slugs = qs.map((q) => q.slug);
  expect(slugs.length).toBeGreaterThan(25);
});

async function newUser(data: { newCardsPerDay?: number; timeZone?: string } = {}) {
  return (await prisma.user.create({ data })).id;
}
const slug = (i: number) => {
  const s = slugs[i];
  if (!s) throw new Error(`no question ${i}`);
  return s;
};
const logs = (userId: string) => prisma.reviewLog.findMany({ where: { userId }, orderBy: { review: "asc" } });
const cardOf = (userId: string, questionSlug: string) =>
  prisma.card.findFirst({ where: { userId, question: { slug: questionSlug } } });

describe("submitReview", () => {
  it("creates the card on its first review, applies FSRS and logs the state before", async () => {
    const userId = await newUser();
    const expected = previewIntervals(newCard(NOW), NOW)[3];
    const res = await submitReview({ userId, questionSlug: slug(0), rating: 3, requestId: randomUUID(), now: NOW });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.review.replayed).toBe(false);
    expect(res.review.card.due.getTime() - NOW.getTime()).toBe(expected);
    const card = await cardOf(userId, slug(0));
    expect(card).toMatchObject({ state: 1, reps: 1, lapses: 0, due: new Date(NOW.getTime() + expected) });
    const [log, ...rest] = await logs(userId);
    expect(rest).toHaveLength(0);
    expect(log).toMatchObject({ rating: 3, state: 0, review: NOW, cardId: card?.id, previousCard: null });
  });

  it("is idempotent: the same requestId twice stores one log and answers the same result", async () => {
    const userId = await newUser();
    const requestId = randomUUID();
    const input = { userId, questionSlug: slug(1), rating: 4 as const, requestId, now: NOW };
    const first = await submitReview(input);
    const cardAfterFirst = await cardOf(userId, slug(1));
    const second = await submitReview({ ...input, now: new Date(NOW.getTime() + 5 * MIN) });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.review.replayed).toBe(true);
    expect(second.review.card).toEqual(first.review.card);
    expect(second.review.reviewedAt).toEqual(NOW);
    expect(await logs(userId)).toHaveLength(1);
    expect(await cardOf(userId, slug(1))).toEqual(cardAfterFirst);
  });

  it("a replay after later reviews still answers the result of that review", async () => {
    const userId = await newUser();
    const requestId = randomUUID();
    const first = await submitReview({ userId, questionSlug: slug(2), rating: 3, requestId, now: NOW });
    await submitReview({
      userId,
      questionSlug: slug(2),
      rating: 3,
      requestId: randomUUID(),
      now: new Date(NOW.getTime() + 20 * MIN),
    });
    const again = await submitReview({
      userId,
      questionSlug: slug(2),
      rating: 3,
      requestId,
      now: new Date(NOW.getTime() + 30 * MIN),
    });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.review.card).toEqual(first.review.card);
    expect(await logs(userId)).toHaveLength(2);
  });

  it("concurrent submissions with the same requestId are stored once (one process)", async () => {
    const userId = await newUser();
    const requestId = randomUUID();
    const input = { userId, questionSlug: slug(3), rating: 1 as const, requestId, now: NOW };
    const results = await Promise.all([submitReview(input), submitReview(input), submitReview(input)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.review.replayed)).toHaveLength(1);
    expect(await logs(userId)).toHaveLength(1);
    expect(await prisma.card.count({ where: { userId } })).toBe(1);
  });

  it("the database itself refuses a second log with the same requestId (the last guard)", async () => {
    const userId = await newUser();
    const requestId = randomUUID();
    await submitReview({ userId, questionSlug: slug(4), rating: 3, requestId, now: NOW });
    const [log] = await logs(userId);
    if (!log) throw new Error("no log");
    const { id: _id, createdAt: _c, previousCard: _p, ...copy } = log;
    await expect(prisma.reviewLog.create({ data: { ...copy, previousCard: {} } })).rejects.toMatchObject({
      code: "P2002",
    });
    expect(await logs(userId)).toHaveLength(1);
  });

  it("rejects a requestId already used for another card or another user, and unknown questions", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const requestId = randomUUID();
    await submitReview({ userId: alice, questionSlug: slug(5), rating: 3, requestId, now: NOW });
    expect(await submitReview({ userId: alice, questionSlug: slug(6), rating: 3, requestId, now: NOW })).toEqual({
      ok: false,
      error: "request_conflict",
    });
    expect(await submitReview({ userId: bob, questionSlug: slug(5), rating: 3, requestId, now: NOW })).toEqual({
      ok: false,
      error: "request_conflict",
    });
    expect(await submitReview({ userId: alice, questionSlug: slug(5), rating: 1, requestId, now: NOW })).toEqual({
      ok: false,
      error: "request_conflict",
    });
    expect(await logs(bob)).toHaveLength(0);
    expect(
      await submitReview({
        userId: alice,
        questionSlug: "no-such-question",
        rating: 3,
        requestId: randomUUID(),
        now: NOW,
      }),
    ).toEqual({ ok: false, error: "unknown_question" });
    expect(await logs(alice)).toHaveLength(1);
  });
});

describe("undoLastReview", () => {
  it("restores the card exactly and deletes the log; a first review's undo deletes the card", async () => {
    const userId = await newUser();
    const r1 = randomUUID();
    const r2 = randomUUID();
    await submitReview({ userId, questionSlug: slug(0), rating: 3, requestId: r1, now: NOW });
    const before = await cardOf(userId, slug(0));
    await submitReview({
      userId,
      questionSlug: slug(0),
      rating: 1,
      requestId: r2,
      now: new Date(NOW.getTime() + 15 * MIN),
    });
    expect(await logs(userId)).toHaveLength(2);

    const undo = await undoLastReview(userId, { requestId: r2 });
    expect(undo).toMatchObject({ ok: true, undone: { requestId: r2, questionSlug: slug(0), rating: 1 } });
    const restored = await cardOf(userId, slug(0));
    const { updatedAt: _a, ...restoredFields } = restored ?? { updatedAt: null };
    const { updatedAt: _b, ...beforeFields } = before ?? { updatedAt: null };
    expect(restoredFields).toEqual(beforeFields);
    expect((await logs(userId)).map((l) => l.requestId)).toEqual([r1]);

    // the same undo again (retry, double key press) changes nothing
    expect(await undoLastReview(userId, { requestId: r2 })).toEqual({ ok: true, undone: null });
    expect(await logs(userId)).toHaveLength(1);

    // undoing the first review removes the card: the question is new again
    expect(await undoLastReview(userId)).toMatchObject({ ok: true, undone: { requestId: r1, card: null } });
    expect(await cardOf(userId, slug(0))).toBeNull();
    expect(await logs(userId)).toHaveLength(0);
    expect(await undoLastReview(userId)).toEqual({ ok: false, error: "nothing_to_undo" });
  });

  it("only undoes the newest review", async () => {
    const userId = await newUser();
    const r1 = randomUUID();
    await submitReview({ userId, questionSlug: slug(0), rating: 3, requestId: r1, now: NOW });
    await submitReview({
      userId,
      questionSlug: slug(1),
      rating: 3,
      requestId: randomUUID(),
      now: new Date(NOW.getTime() + MIN),
    });
    expect(await undoLastReview(userId, { requestId: r1 })).toEqual({ ok: false, error: "not_last" });
    expect(await logs(userId)).toHaveLength(2);
  });

  it("isolation: a user cannot undo another user's review", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const r = randomUUID();
    await submitReview({ userId: alice, questionSlug: slug(0), rating: 3, requestId: r, now: NOW });
    expect(await undoLastReview(bob)).toEqual({ ok: false, error: "nothing_to_undo" });
    expect(await undoLastReview(bob, { requestId: r })).toEqual({ ok: true, undone: null });
    expect(await logs(alice)).toHaveLength(1);
    expect(await cardOf(alice, slug(0))).not.toBeNull();
    // Bob reviewing the same question gets his own card; Alice's is untouched
    const aliceCard = await cardOf(alice, slug(0));
    await submitReview({ userId: bob, questionSlug: slug(0), rating: 1, requestId: randomUUID(), now: NOW });
    expect(await cardOf(alice, slug(0))).toEqual(aliceCard);
    expect(await prisma.card.count({ where: { question: { slug: slug(0) }, userId: { in: [alice, bob] } } })).toBe(2);
  });
});

describe("getStudyQueue", () => {
  it("a fresh learner: new cards in bank order up to the daily limit", async () => {
    const userId = await newUser({ newCardsPerDay: 5 });
    const q = await getStudyQueue(userId, NOW);
    expect(q.dueCount).toBe(0);
    expect(q.newCount).toBe(5);
    expect(q.entries.map((e) => e.slug)).toEqual(slugs.slice(0, 5));
    expect(q.entries.every((e) => e.kind === "new")).toBe(true);
    expect(q.nextDue).toBeNull();
  });

  it("due cards first (oldest due first), then new ones; not-yet-due cards wait", async () => {
    const userId = await newUser({ newCardsPerDay: 10 });
    // slug(0): Again at NOW → due NOW+1m; slug(1): Good at NOW-30m → due NOW-20m; slug(2): Easy → due in days
    await submitReview({
      userId,
      questionSlug: slug(1),
      rating: 3,
      requestId: randomUUID(),
      now: new Date(NOW.getTime() - 30 * MIN),
    });
    await submitReview({ userId, questionSlug: slug(0), rating: 1, requestId: randomUUID(), now: NOW });
    await submitReview({ userId, questionSlug: slug(2), rating: 4, requestId: randomUUID(), now: NOW });

    const atNow = await getStudyQueue(userId, NOW);
    expect(atNow.dueCount).toBe(1);
    expect(atNow.entries[0]).toMatchObject({ slug: slug(1), kind: "learning" });
    expect(atNow.newCount).toBe(7);
    expect(atNow.entries.slice(1).map((e) => e.slug)).toEqual(slugs.slice(3, 10));
    expect(atNow.nextDue).toEqual(new Date(NOW.getTime() + MIN));

    const later = await getStudyQueue(userId, new Date(NOW.getTime() + 2 * MIN));
    expect(later.entries.slice(0, 2).map((e) => e.slug)).toEqual([slug(1), slug(0)]);
    expect(later.dueCount).toBe(2);
  });

  it("counts new cards introduced today against the limit, and an undo gives one back", async () => {
    const userId = await newUser({ newCardsPerDay: 3 });
    for (let i = 0; i < 2; i++) {
      await submitReview({ userId, questionSlug: slug(i), rating: 4, requestId: randomUUID(), now: NOW });
    }
    let q = await getStudyQueue(userId, NOW);
    expect(q.newToday).toBe(2);
    expect(q.newCount).toBe(1);
    expect(q.entries.map((e) => e.slug)).toEqual([slug(2)]);
    await submitReview({ userId, questionSlug: slug(2), rating: 4, requestId: randomUUID(), now: NOW });
    q = await getStudyQueue(userId, NOW);
    expect(q.newCount).toBe(0);
    expect(q.entries).toHaveLength(0);
    expect(q.nextDue).not.toBeNull();
    await undoLastReview(userId);
    q = await getStudyQueue(userId, NOW);
    expect(q.newCount).toBe(1);
    expect(q.entries.map((e) => e.slug)).toEqual([slug(2)]);
  });

  it("'today' starts at local midnight in the learner's time zone", async () => {
    // 2026-05-10T15:30Z is 23:30 in Shanghai (UTC+8); 16:30Z is 00:30 on 11 May there.
    const before = new Date("2026-05-10T15:30:00Z");
    const after = new Date("2026-05-10T16:30:00Z");
    const shanghai = await newUser({ newCardsPerDay: 2, timeZone: "Asia/Shanghai" });
    const utc = await newUser({ newCardsPerDay: 2, timeZone: "UTC" });
    for (const userId of [shanghai, utc]) {
      for (let i = 0; i < 2; i++) {
        await submitReview({ userId, questionSlug: slug(i), rating: 4, requestId: randomUUID(), now: before });
      }
      expect((await getStudyQueue(userId, before)).newCount).toBe(0);
    }
    // an hour later it is a new day in Shanghai but still 10 May in UTC
    expect((await getStudyQueue(shanghai, after)).newCount).toBe(2);
    expect((await getStudyQueue(utc, after)).newCount).toBe(0);
    expect((await getStudyQueue(utc, new Date("2026-05-11T00:00:00Z"))).newCount).toBe(2);
  });

  it("isolation: one learner's reviews do not change another's queue", async () => {
    const alice = await newUser({ newCardsPerDay: 2 });
    const bob = await newUser({ newCardsPerDay: 2 });
    await submitReview({ userId: alice, questionSlug: slug(0), rating: 3, requestId: randomUUID(), now: NOW });
    const q = await getStudyQueue(bob, NOW);
    expect(q.newCount).toBe(2);
    expect(q.entries.map((e) => e.slug)).toEqual(slugs.slice(0, 2));
    const visitor = await getStudyQueue(null, NOW);
    expect(visitor.newCount).toBe(20);
    expect(visitor.dueCount).toBe(0);
  });
});

describe("queueForReview (a quiz's mistakes added to the flashcards)", () => {
  it("gives an unstudied question a new card due now, outside the daily limit, and brings a scheduled card forward", async () => {
    const userId = await newUser({ newCardsPerDay: 0 });
    // a card reviewed earlier, due in days
    const reviewed = await submitReview({
      userId,
      questionSlug: slug(1),
      rating: 4,
      requestId: randomUUID(),
      now: NOW,
    });
    if (!reviewed.ok) throw new Error("review failed");
    const before = await cardOf(userId, slug(1));
    expect(before?.due.getTime()).toBeGreaterThan(NOW.getTime() + 86_400_000);
    const later = new Date(NOW.getTime() + 60 * MIN);
    expect((await getStudyQueue(userId, later)).entries).toEqual([]);

    const ids = await prisma.question.findMany({ where: { slug: { in: [slug(1), slug(5)] } }, select: { id: true } });
    expect(
      await queueForReview(
        userId,
        ids.map((q) => q.id),
        later,
      ),
    ).toEqual({ added: 1, madeDue: 1 });
    const queue = await getStudyQueue(userId, later);
    expect(new Set(queue.entries.map((e) => e.slug))).toEqual(new Set([slug(1), slug(5)]));
    expect(queue).toMatchObject({ dueCount: 1, newCount: 1 });
    // the scheduled card keeps its memory state: only its due time moved
    const after = await cardOf(userId, slug(1));
    expect(after).toMatchObject({ stability: before?.stability, difficulty: before?.difficulty, state: 2 });
    expect(after?.due).toEqual(later);
    expect(queue.entries.find((e) => e.slug === slug(5))?.kind).toBe("new");

    // adding them again changes nothing; a review of the added new card works as for any new card
    expect(
      await queueForReview(
        userId,
        ids.map((q) => q.id),
        later,
      ),
    ).toEqual({ added: 0, madeDue: 0 });
    const first = await submitReview({ userId, questionSlug: slug(5), rating: 3, requestId: randomUUID(), now: later });
    expect(first.ok && first.review.card.state).toBe(1);
    expect(await undoLastReview(userId)).toMatchObject({ ok: true });
    expect((await cardOf(userId, slug(5)))?.state).toBe(0);
  });
});
