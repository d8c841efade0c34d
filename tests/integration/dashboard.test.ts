import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client.server";
import { loadDashboard } from "@/lib/db/dashboard.server";
import { addProgress } from "@/tests/support/progress-fixtures";

afterAll(() => prisma.$disconnect());

describe("dashboard figures", () => {
  it("are computed from the user's own rows, in their time zone", async () => {
    const me = await prisma.user.create({ data: { isAnonymous: false, name: "me", timeZone: "Asia/Shanghai" } });
    const other = await prisma.user.create({ data: { isAnonymous: false, name: "other" } });
    const { cardId } = await addProgress(me.id);
    await addProgress(other.id, { day: new Date("2026-11-21T10:00:00Z") });
    await prisma.card.update({ where: { id: cardId }, data: { scheduledDays: 30 } });
    const d = await loadDashboard(me.id, new Date("2026-11-21T02:00:00Z"));
    expect(d.attempts).toBe(3);
    expect(d.reviews).toBe(2);
    // two first-time reviews are no retention figure (true retention counts reviews of learned cards)
    expect(d.retention).toBeNull();
    expect(d.retentionReviews).toBe(0);
    expect(d.statuses.new + d.statuses.due + d.statuses.learning + d.statuses.seen + d.statuses.mastered).toBe(
      await prisma.question.count({ where: { published: true } }),
    );
    expect(d.statuses.mastered).toBe(1);
    expect(d.mastered).toBe(1);
    // reviews on 19 and 20 Nov, answers on 20 Nov (18:00 in Shanghai); now is 21 Nov 10:00 there
    expect(d.streak).toEqual({ current: 2, longest: 2 });
    expect(d.heatmap.filter((x) => x.count > 0)).toEqual([
      { date: "2026-11-19", count: 1 },
      { date: "2026-11-20", count: 1 },
    ]);
    expect(d.forecast.find((x) => x.count > 0)).toEqual({ date: "2026-11-23", count: 1 });
    expect(d.byDifficulty.reduce((s, a) => s + a.total, 0)).toBe(2);
    expect(d.byTopic.reduce((s, a) => s + a.correct, 0)).toBe(1);
  });
});
