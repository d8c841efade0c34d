import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayKey } from "@/lib/i18n/time-zones";
import {
  accuracyBy,
  dueForecast,
  heatmap,
  RETENTION_MIN_REVIEWS,
  retention,
  streaks,
  trueRetention,
} from "@/lib/progress/stats";
import { isMastered } from "@/lib/progress/study-status";

const at = (s: string) => new Date(s);

describe("streaks", () => {
  it("counts consecutive civil days and the longest run", () => {
    const activity = [
      "2026-11-01T10:00Z",
      "2026-11-02T10:00Z",
      "2026-11-03T10:00Z",
      "2026-11-10T10:00Z",
      "2026-11-11T09:00Z",
      "2026-11-11T18:00Z",
    ].map(at);
    expect(streaks(activity, "UTC", at("2026-11-11T20:00Z"))).toEqual({ current: 2, longest: 3 });
  });

  it("keeps the streak when today has no activity yet, breaks it after a missed day", () => {
    const activity = [at("2026-11-09T10:00Z"), at("2026-11-10T10:00Z")];
    expect(streaks(activity, "UTC", at("2026-11-11T08:00Z")).current).toBe(2);
    expect(streaks(activity, "UTC", at("2026-11-12T08:00Z")).current).toBe(0);
    expect(streaks([], "UTC", at("2026-11-12T08:00Z"))).toEqual({ current: 0, longest: 0 });
  });

  it("depends on the time zone: the same instants are two days in UTC and one in Shanghai", () => {
    const activity = [at("2026-11-20T17:00Z"), at("2026-11-21T01:00Z")];
    expect(streaks(activity, "UTC", at("2026-11-21T02:00Z"))).toEqual({ current: 2, longest: 2 });
    // 01:00 and 09:00 on 21 Nov in Shanghai
    expect(streaks(activity, "Asia/Shanghai", at("2026-11-21T02:00Z"))).toEqual({ current: 1, longest: 1 });
  });

  it("survives DST changes: one late-evening session a day is one day each, in spring and autumn", () => {
    // New York: clocks go forward 8 March 2026 and back 1 November 2026.
    const spring = ["2026-03-07T04:30Z", "2026-03-08T03:30Z", "2026-03-09T03:30Z"].map(at); // 23:30 local, 6–8 Mar
    expect(spring.map((d) => dayKey(d, "America/New_York"))).toEqual(["2026-03-06", "2026-03-07", "2026-03-08"]);
    expect(streaks(spring, "America/New_York", at("2026-03-09T12:00Z"))).toEqual({ current: 3, longest: 3 });
    const autumn = ["2026-11-01T03:30Z", "2026-11-02T04:30Z", "2026-11-03T04:30Z"].map(at); // 23:30 local, 31 Oct–2 Nov
    expect(autumn.map((d) => dayKey(d, "America/New_York"))).toEqual(["2026-10-31", "2026-11-01", "2026-11-02"]);
    expect(streaks(autumn, "America/New_York", at("2026-11-03T12:00Z"))).toEqual({ current: 3, longest: 3 });
  });
});

describe("heatmap", () => {
  it("has one cell per day for a year, ending today, and buckets reviews by local day", () => {
    const now = at("2026-11-21T02:00Z");
    const reviews = [
      at("2026-11-20T17:00Z"),
      at("2026-11-20T15:00Z"),
      at("2026-11-21T01:00Z"),
      at("2025-01-01T00:00Z"),
    ];
    const utc = heatmap(reviews, "UTC", now);
    expect(utc).toHaveLength(365);
    expect(utc.at(-1)).toEqual({ date: "2026-11-21", count: 1 });
    expect(utc.at(-2)).toEqual({ date: "2026-11-20", count: 2 });
    expect(utc[0]?.date).toBe("2025-11-22");
    expect(utc.reduce((s, d) => s + d.count, 0)).toBe(3); // the 2025-01-01 review is older than a year
    const shanghai = heatmap(reviews, "Asia/Shanghai", now);
    expect(shanghai.at(-1)).toEqual({ date: "2026-11-21", count: 2 });
    expect(shanghai.at(-2)).toEqual({ date: "2026-11-20", count: 1 });
  });

  it("never loses or invents a review within the window", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 364 * 86_400_000 }), { maxLength: 50 }),
        fc.constantFrom("UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin"),
        (offsets, tz) => {
          const now = at("2026-11-21T12:00Z");
          const start = new Date(`${addDays(dayKey(now, tz), -364)}T00:00:00Z`).getTime() + 14 * 3_600_000;
          const reviews = offsets.map((o) => new Date(Math.min(start + o, now.getTime())));
          expect(heatmap(reviews, tz, now).reduce((s, d) => s + d.count, 0)).toBe(reviews.length);
        },
      ),
    );
  });
});

describe("due forecast, accuracy, retention, mastered", () => {
  it("puts overdue cards today and ignores cards beyond 14 days", () => {
    const now = at("2026-11-21T12:00Z");
    const f = dueForecast(
      [at("2026-11-01T00:00Z"), at("2026-11-21T23:00Z"), at("2026-11-22T01:00Z"), at("2026-12-30T00:00Z")],
      "UTC",
      now,
    );
    expect(f).toHaveLength(14);
    expect(f[0]).toEqual({ date: "2026-11-21", count: 2 });
    expect(f[1]).toEqual({ date: "2026-11-22", count: 1 });
    expect(f.reduce((s, d) => s + d.count, 0)).toBe(3);
  });

  it("computes accuracy over graded answers only", () => {
    expect(
      accuracyBy([
        { key: "b", correct: true },
        { key: "a", correct: false },
        { key: "a", correct: true },
        { key: "a", correct: null },
      ]),
    ).toEqual([
      { key: "a", correct: 1, total: 2, accuracy: 0.5 },
      { key: "b", correct: 1, total: 1, accuracy: 1 },
    ]);
  });

  it("retention is the share of reviews not rated Again; mastered needs Review state and ≥ 21 days", () => {
    expect(retention([1, 3, 4, 2])).toBe(0.75);
    expect(retention([])).toBeNull();
    expect(isMastered({ state: 2, scheduledDays: 21 })).toBe(true);
    expect(isMastered({ state: 2, scheduledDays: 20 })).toBe(false);
    expect(isMastered({ state: 3, scheduledDays: 40 })).toBe(false);
  });
});

describe("true retention", () => {
  it("counts only reviews of learned cards (state Review), and only from the minimum on", () => {
    const firstTime = Array.from({ length: 30 }, () => ({ rating: 3, state: 0 }));
    expect(trueRetention(firstTime)).toEqual({ value: null, reviews: 0 });
    const learned = Array.from({ length: RETENTION_MIN_REVIEWS }, (_, i) => ({ rating: i < 2 ? 1 : 3, state: 2 }));
    expect(trueRetention([...firstTime, ...learned])).toEqual({
      value: (RETENTION_MIN_REVIEWS - 2) / RETENTION_MIN_REVIEWS,
      reviews: RETENTION_MIN_REVIEWS,
    });
    expect(trueRetention(learned.slice(1)).value).toBeNull();
    // relearning steps (state 3) are not retention either
    expect(trueRetention([{ rating: 1, state: 3 }], 1)).toEqual({ value: null, reviews: 0 });
  });
});
