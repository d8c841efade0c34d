"use client";
/**
 * Tells the server the browser's time zone, in a cookie (lib/i18n/time-zones.ts): a script in
 * the bundle, no inline script, so it works under a strict Content-Security-Policy. Renders
 * nothing.
 */
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/time-zones";

const YEAR_S = 60 * 60 * 24 * 365;

export function TimeZoneDetector() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || document.cookie.includes(`${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`)) return;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox; one fixed, encoded value
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${YEAR_S}; samesite=lax`;
  }, []);
  return null;
}
