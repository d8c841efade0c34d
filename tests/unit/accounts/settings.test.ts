import { describe, expect, it } from "vitest";
import { SettingsSchema } from "@/lib/accounts/settings";

const ok = { newCardsPerDay: "20", desiredRetention: "0.9", locale: "zh", timeZone: "Asia/Shanghai" };

describe("settings form", () => {
  it("accepts valid settings and coerces numbers", () => {
    expect(SettingsSchema.parse(ok)).toEqual({
      newCardsPerDay: 20,
      desiredRetention: 0.9,
      locale: "zh",
      timeZone: "Asia/Shanghai",
    });
    expect(
      SettingsSchema.parse({ ...ok, timeZone: "UTC", newCardsPerDay: "0", desiredRetention: "0.99" }).timeZone,
    ).toBe("UTC");
  });

  it.each([
    [{ newCardsPerDay: "201" }, "newCardsPerDay", "errNewCards"],
    [{ newCardsPerDay: "2.5" }, "newCardsPerDay", "errNewCards"],
    [{ newCardsPerDay: "lots" }, "newCardsPerDay", "errNewCards"],
    [{ desiredRetention: "0.5" }, "desiredRetention", "errRetention"],
    [{ desiredRetention: "1" }, "desiredRetention", "errRetention"],
    [{ locale: "fr" }, "locale", "errLanguage"],
    [{ timeZone: "Mars/Olympus" }, "timeZone", "errTimeZone"],
    [{ timeZone: "EST5EDT; DROP" }, "timeZone", "errTimeZone"],
  ])("refuses %o with a field error", (patch, field, key) => {
    const r = SettingsSchema.safeParse({ ...ok, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.find((i) => i.path[0] === field)?.message).toBe(key);
  });
});
