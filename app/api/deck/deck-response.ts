/** Shared by GET /api/deck/anki and /api/deck/csv: ?lang=en|zh (default en), nothing else. */
import { deckNotes } from "@/lib/db/deck.server";
import { toAnkiText, toCsv } from "@/lib/flashcards/deck-export";
import { jsonError } from "@/lib/http/json";
import { DEFAULT_LOCALE, isLocale, LOCALES } from "@/lib/i18n/locales";

const FORMATS = {
  anki: { ext: "txt", type: "text/plain" },
  csv: { ext: "csv", type: "text/csv" },
} as const;

export async function deckResponse(req: Request, format: keyof typeof FORMATS): Promise<Response> {
  const params = new URL(req.url).searchParams;
  for (const key of params.keys()) {
    if (key !== "lang") return jsonError(400, `Unknown parameter: ${key}`);
  }
  const lang = params.get("lang") ?? DEFAULT_LOCALE;
  if (!isLocale(lang)) return jsonError(400, `lang must be one of: ${LOCALES.join(", ")}`);
  const notes = await deckNotes(lang);
  const body = format === "anki" ? toAnkiText(notes, lang === "zh" ? "GradLab (中文)" : "GradLab") : toCsv(notes);
  const { ext, type } = FORMATS[format];
  return new Response(body, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "content-disposition": `attachment; filename="gradlab-deck-${lang}.${ext}"`,
    },
  });
}
