/** GET /api/deck/anki?lang=en|zh — the deck as Anki's tab-separated text with import headers. */
import { deckResponse } from "@/app/api/deck/deck-response";

export async function GET(req: Request): Promise<Response> {
  return deckResponse(req, "anki");
}
