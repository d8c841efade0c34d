/**
 * "Today" in a learner's time zone: the daily new-card limit counts new cards introduced since
 * local midnight (IANA zone from User.timeZone; an unknown zone falls back to UTC). Pure.
 */

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
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

/** The instant local midnight began, on the local day that contains `now`, in `tz`. */
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
