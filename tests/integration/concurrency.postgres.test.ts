/**
 * Concurrency on a real PostgreSQL server (docs/decisions/0019-several-app-servers.md). Each "app server"
 * is its own Prisma client with its own connection pool, as two `next start` processes would be.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { cardFields, submitReview } from "@/lib/db/cards.server";
import { prisma } from "@/lib/db/client.server";
import { createPrismaClient } from "@/lib/db/create-client";
import { transactionRetries, writeTransaction } from "@/lib/db/transaction";
import { type CardFields, newCard, review } from "@/lib/flashcards/fsrs";
import type { Rating } from "@/lib/flashcards/ratings";

const url = process.env.DATABASE_URL ?? "";
const servers = [createPrismaClient(url), createPrismaClient(url)];
afterAll(async () => {
  await Promise.all([...servers, prisma].map((c) => c.$disconnect()));
});

/** Resolves once `count` callers have arrived (or after 3 s, so a test can never hang). */
function barrier(count: number) {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    arrived++;
    if (arrived >= count) open();
    await Promise.race([opened, new Promise((r) => setTimeout(r, 3000))]);
  };
}

async function learnerAndSlug() {
  const user = await prisma.user.create({ data: {} });
  const { slug } = await prisma.question.findFirstOrThrow({ where: { published: true }, orderBy: { position: "asc" } });
  return { userId: user.id, slug };
}

/** A card as its review log stores it (ISO dates), as key-order-independent text: jsonb sorts keys. */
const canonical = (c: object) => JSON.stringify(c, Object.keys(c).sort());
const stored = (c: CardFields) =>
  canonical({ ...c, due: c.due.toISOString(), lastReview: c.lastReview?.toISOString() ?? null });

describe("two app servers, one PostgreSQL database", () => {
  it("the same review (same requestId) sent to both servers at once is stored once", async () => {
    const { userId, slug } = await learnerAndSlug();
    const requestId = randomUUID();
    const input = { userId, questionSlug: slug, rating: 3 as Rating, requestId };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => submitReview(input, servers[i % 2] ?? prisma)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.review.replayed)).toHaveLength(1);
    expect(await prisma.reviewLog.count({ where: { requestId } })).toBe(1);
    expect(await prisma.card.count({ where: { userId } })).toBe(1);
    const dues = new Set(results.map((r) => (r.ok ? r.review.card.due.toISOString() : "")));
    expect(dues.size).toBe(1);
  });

  it("50 parallel reviews of one card over both servers: none lost, and the card is what its log says", async () => {
    const { userId, slug } = await learnerAndSlug();
    const ratings = Array.from({ length: 50 }, (_, i) => ((i * 7) % 4) + 1) as Rating[];
    const results = await Promise.all(
      ratings.map((rating, i) =>
        submitReview({ userId, questionSlug: slug, rating, requestId: randomUUID() }, servers[i % 2] ?? prisma),
      ),
    );
    expect(results.every((r) => r.ok && !r.review.replayed)).toBe(true);

    const card = await prisma.card.findFirstOrThrow({ where: { userId } });
    const logs = await prisma.reviewLog.findMany({ where: { cardId: card.id } });
    expect(logs).toHaveLength(50);
    expect(card.reps).toBe(50);

    // Walk the chain: every review built on the state the one before it left (no lost update),
    // and replaying them through FSRS gives exactly the stored card.
    const settings = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { desiredRetention: true } });
    const remaining = new Set(logs);
    let state: CardFields | null = null;
    while (remaining.size > 0) {
      const expected: string | null = state === null ? null : stored(state);
      const next: (typeof logs)[number] | undefined = [...remaining].find((l) =>
        expected === null ? l.previousCard === null : canonical(l.previousCard as object) === expected,
      );
      if (!next) throw new Error(`the review log breaks after ${50 - remaining.size} reviews`);
      remaining.delete(next);
      state = review(state ?? newCard(next.review), next.rating as Rating, next.review, settings).card;
    }
    expect(state).toEqual(cardFields(card));
  });

  it("one learner's flood of reviews holds one of a server's connections, so another learner's review does not wait behind it", async () => {
    const small = createPrismaClient(url, { max: 2 });
    try {
      const [a, b] = [await learnerAndSlug(), await learnerAndSlug()];
      const finished: string[] = [];
      const send = (who: string, userId: string, slug: string) =>
        submitReview({ userId, questionSlug: slug, rating: 3, requestId: randomUUID() }, small).then((r) => {
          expect(r.ok).toBe(true);
          finished.push(who);
        });
      const flood = Array.from({ length: 20 }, () => send("a", a.userId, a.slug));
      await send("b", b.userId, b.slug);
      await Promise.all(flood);
      // Had the flood taken both connections (one holding the learner's lock, one waiting on it),
      // b's review would have queued for a connection behind all twenty.
      expect(finished.indexOf("b")).toBeLessThan(5);
      expect(finished).toHaveLength(21);
    } finally {
      await small.$disconnect();
    }
  });

  it("a serialization failure (both read, then both write) is retried: no update is lost", async () => {
    const user = await prisma.user.create({ data: { newCardsPerDay: 10 } });
    const before = transactionRetries.TransactionWriteConflict ?? 0;
    const bothRead = barrier(2);
    const increment = (client: (typeof servers)[number]) =>
      writeTransaction(client, async (tx) => {
        const { newCardsPerDay } = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
        await bothRead();
        await tx.user.update({ where: { id: user.id }, data: { newCardsPerDay: newCardsPerDay + 1 } });
      });
    await Promise.all(servers.map(increment));
    expect(transactionRetries.TransactionWriteConflict ?? 0).toBeGreaterThan(before);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).newCardsPerDay).toBe(12);
  });

  it("a deadlock between two transactions is retried until both succeed", async () => {
    const [a, b] = [await prisma.user.create({ data: {} }), await prisma.user.create({ data: {} })];
    const before = (transactionRetries.Deadlock ?? 0) + (transactionRetries.TransactionWriteConflict ?? 0);
    const bothLocked = barrier(2);
    // Each locks one row, waits until the other has locked its row, then wants the other's.
    const crossing = (client: (typeof servers)[number], first: string, second: string, value: number) =>
      writeTransaction(client, async (tx) => {
        await tx.user.update({ where: { id: first }, data: { newCardsPerDay: value } });
        await bothLocked();
        await tx.user.update({ where: { id: second }, data: { newCardsPerDay: value } });
        return value;
      });
    const [s0, s1] = servers as [(typeof servers)[number], (typeof servers)[number]];
    expect(await Promise.all([crossing(s0, a.id, b.id, 7), crossing(s1, b.id, a.id, 9)])).toEqual([7, 9]);
    expect(transactionRetries.Deadlock ?? 0).toBeGreaterThan(0);
    expect((transactionRetries.Deadlock ?? 0) + (transactionRetries.TransactionWriteConflict ?? 0)).toBeGreaterThan(
      before,
    );
    const values = await prisma.user.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { newCardsPerDay: true },
    });
    // Whichever ran last wrote both rows: the two rows agree.
    expect(new Set(values.map((v) => v.newCardsPerDay)).size).toBe(1);
  });
});
