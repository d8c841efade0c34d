/** GET /api/deck/anki?lang=en|zh — the deck as Anki's tab-separated text with import headers. */
import { deckResponse } from "@/app/api/deck/deck-response";
import { answeringOutages } from "@/app/api/outage";

async function get(req: Request): Promise<Response> {
  return deckResponse(req, "anki");
}

export const GET = answeringOutages(get);
