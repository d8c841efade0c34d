/** The browser's time zone as TimeZoneDetector left it in a cookie (lib/i18n/time-zones.ts), or null. */
import "server-only";
import { cookies } from "next/headers";
import { detectedTimeZone, TIME_ZONE_COOKIE } from "./time-zones";

export async function browserTimeZone(): Promise<string | null> {
  return detectedTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}
