/**
 * Time zones and the learner's local day. A learner's IANA zone (User.timeZone) decides where
 * their days begin: the daily new-card limit counts from local midnight, the dashboard counts
 * streaks and reviews per civil date. Day arithmetic works on civil dates ("YYYY-MM-DD"), not on
 * 24-hour steps, so a DST change (a 23- or 25-hour day) never merges or splits a day. Pure.
 */

/**
 * The cookie in which the browser tells its time zone (components/ui/TimeZoneDetector.tsx): a
 * guest is created in it and a new account starts in it, so days, streaks and the daily new-card
 * reset run on the learner's clock from the first review, not on UTC.
 */
export const TIME_ZONE_COOKIE = "gradlab_tz";

/** The cookie's zone when it is one this runtime knows, else null. */
export function detectedTimeZone(cookieValue: string | undefined | null): string | null {
  return typeof cookieValue === "string" && isTimeZone(cookieValue) ? cookieValue : null;
}

/** A time zone this runtime can compute with (IANA names, case-insensitive, and UTC). */
export function isTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The zones offered to choose from: UTC first (Intl does not list it), then the runtime's IANA zones. */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

/** A civil date, YYYY-MM-DD. */
export type DayKey = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The civil date of an instant in a time zone. */
export function dayKey(instant: Date, timeZone: string): DayKey {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The civil date `n` days after `key` (n may be negative). */
export function addDays(key: DayKey, n: number): DayKey {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Offset of `tz` from UTC at instant `t`, in ms (positive east of Greenwich). */
function offsetAt(t: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - (t - (t % 1000));
}

/** The instant local midnight began, on the local day that contains `now`, in `tz` (an unknown zone counts as UTC). */
export function startOfLocalDay(now: Date, timeZone: string): Date {
  const tz = isTimeZone(timeZone) ? timeZone : "UTC";
  const t = now.getTime();
  const local = new Date(t + offsetAt(t, tz));
  const midnightAsUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // Offset at midnight may differ from now's (DST change during the day): correct once, twice to be safe.
  let guess = midnightAsUtc - offsetAt(t, tz);
  for (let i = 0; i < 2; i++) guess = midnightAsUtc - offsetAt(guess, tz);
  // A zone whose midnight does not exist (DST at 00:00) starts the day at the first instant after it.
  return new Date(Math.min(guess, t));
}
