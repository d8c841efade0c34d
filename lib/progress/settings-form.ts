/** The learner's study settings: one zod schema for the form and the server action. Messages are i18n keys. */
import { z } from "zod";

/** IANA time zones this runtime knows, plus UTC (which Intl does not list). */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

let known: Set<string> | null = null;
export function isSupportedTimeZone(tz: string): boolean {
  known ??= new Set(timeZones());
  return known.has(tz);
}

export const SettingsForm = z.object({
  newCardsPerDay: z.coerce
    .number({ message: "errNewCards" })
    .int("errNewCards")
    .min(0, "errNewCards")
    .max(200, "errNewCards"),
  desiredRetention: z.coerce.number({ message: "errRetention" }).min(0.7, "errRetention").max(0.99, "errRetention"),
  locale: z.enum(["en", "zh"], { message: "errLanguage" }),
  timeZone: z.string({ message: "errTimeZone" }).refine(isSupportedTimeZone, "errTimeZone"),
});

export type Settings = z.infer<typeof SettingsForm>;
