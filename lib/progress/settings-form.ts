/** The learner's study settings: one zod schema for the form and the server action. Messages are i18n keys. */
import { z } from "zod";
import { isTimeZone } from "@/lib/i18n/time-zones";

export const SettingsForm = z.object({
  newCardsPerDay: z.coerce
    .number({ message: "errNewCards" })
    .int("errNewCards")
    .min(0, "errNewCards")
    .max(200, "errNewCards"),
  desiredRetention: z.coerce.number({ message: "errRetention" }).min(0.7, "errRetention").max(0.99, "errRetention"),
  locale: z.enum(["en", "zh"], { message: "errLanguage" }),
  timeZone: z.string({ message: "errTimeZone" }).refine(isTimeZone, "errTimeZone"),
});

export type Settings = z.infer<typeof SettingsForm>;
