import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayKey, isTimeZone, startOfLocalDay, timeZones } from "@/lib/i18n/time-zones";

const at = (s: string) => new Date(s);

describe("isTimeZone", () => {
  it("validates IANA time zones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });

  it("accepts every zone the settings offer, and nothing empty, overlong or injected", () => {
    expect(timeZones().every(isTimeZone)).toBe(true);
    expect(timeZones()[0]).toBe("UTC");
    for (const bad of ["", "EST5EDT; DROP", `Europe/${"x".repeat(64)}`]) expect(isTimeZone(bad)).toBe(false);
  });
});

describe("dayKey and addDays", () => {
  it("puts an instant on the civil date of the time zone", () => {
    const instant = at("2026-11-20T23:30:00Z");
    expect(dayKey(instant, "UTC")).toBe("2026-11-20");
    expect(dayKey(instant, "Asia/Shanghai")).toBe("2026-11-21");
    expect(dayKey(at("2026-11-21T03:00:00Z"), "America/Los_Angeles")).toBe("2026-11-20");
  });

  it("adds calendar days across month, year and DST boundaries", () => {
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("adding then subtracting days is the identity", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        fc.integer({ min: -2000, max: 2000 }),
        (d, n) => {
          const key = d.toISOString().slice(0, 10);
          expect(addDays(addDays(key, n), -n)).toBe(key);
        },
      ),
    );
  });
});

describe("startOfLocalDay", () => {
  it("is local midnight in the learner's zone", () => {
    const now = new Date("2026-03-01T02:30:00Z");
    expect(startOfLocalDay(now, "UTC").toISOString()).toBe("2026-03-01T00:00:00.000Z");
    // 10:30 in Shanghai (UTC+8) on 1 March: the day began at 16:00Z on 28 Feb
    expect(startOfLocalDay(now, "Asia/Shanghai").toISOString()).toBe("2026-02-28T16:00:00.000Z");
    // 21:30 on 28 Feb in New York (UTC-5)
    expect(startOfLocalDay(now, "America/New_York").toISOString()).toBe("2026-02-28T05:00:00.000Z");
  });

  it("handles a DST change during the day and unknown zones", () => {
    // 8 March 2026: New York springs forward at 02:00 local; midnight was still UTC-5
    expect(startOfLocalDay(new Date("2026-03-08T20:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
    expect(startOfLocalDay(new Date("2026-03-01T02:30:00Z"), "Not/AZone").toISOString()).toBe(
      "2026-03-01T00:00:00.000Z",
    );
  });

  it("property: the start is at most 24h before now, never after, in any zone", () => {
    const zones = [
      "UTC",
      "Asia/Shanghai",
      "America/New_York",
      "Pacific/Kiritimati",
      "Pacific/Pago_Pago",
      "Asia/Kolkata",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        (t, tz) => {
          const start = startOfLocalDay(new Date(t), tz).getTime();
          expect(start).toBeLessThanOrEqual(t);
          expect(t - start).toBeLessThan(25 * 3_600_000);
        },
      ),
      { numRuns: 300 },
    );
  });
});
