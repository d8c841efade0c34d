/** Shared by GET /api/deck/anki and /api/deck/csv: ?lang=en|zh (default en), nothing else. */
import "server-only";
import { jsonError } from "@/lib/http/json";
import { deckNotes } from "../db/deck.server";
import { type DeckNote, toAnkiText, toCsv } from "./anki";

export async function deckResponse(req: Request, kind: "anki" | "csv"): Promise<Response> {
  const params = new URL(req.url).searchParams;
  for (const key of params.keys()) {
    if (key !== "lang") return jsonError(400, `Unknown parameter: ${key}`);
  }
  const lang = params.get("lang") ?? "en";
  if (lang !== "en" && lang !== "zh") return jsonError(400, "lang must be one of: en, zh");
  const notes: DeckNote[] = await deckNotes(lang);
  const body = kind === "anki" ? toAnkiText(notes, lang === "zh" ? "GradLab (中文)" : "GradLab") : toCsv(notes);
  const ext = kind === "anki" ? "txt" : "csv";
  const type = kind === "anki" ? "text/plain" : "text/csv";
  return new Response(body, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "content-disposition": `attachment; filename="gradlab-deck-${lang}.${ext}"`,
    },
  });
}
