/** The learner's settings form: one zod schema for the form and the server action. Messages are i18n keys. */
import { z } from "zod";
import { MAX_NEW_CARDS_PER_DAY, MAX_RETENTION, MIN_RETENTION } from "@/lib/flashcards/study-settings";
import { LOCALES } from "@/lib/i18n/locales";
import { isTimeZone } from "@/lib/i18n/time-zones";

export const SettingsSchema = z.object({
  newCardsPerDay: z.coerce
    .number({ message: "errNewCards" })
    .int("errNewCards")
    .min(0, "errNewCards")
    .max(MAX_NEW_CARDS_PER_DAY, "errNewCards"),
  desiredRetention: z.coerce
    .number({ message: "errRetention" })
    .min(MIN_RETENTION, "errRetention")
    .max(MAX_RETENTION, "errRetention"),
  locale: z.enum(LOCALES, { message: "errLanguage" }),
  timeZone: z.string({ message: "errTimeZone" }).refine(isTimeZone, "errTimeZone"),
});

export type Settings = z.infer<typeof SettingsSchema>;
