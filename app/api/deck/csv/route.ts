/** GET /api/deck/csv?lang=en|zh — the deck as RFC 4180 CSV (Front, Back, Tags). */
import { deckResponse } from "@/app/api/deck/deck-response";
import { answeringOutages } from "@/app/api/outage";

async function get(req: Request): Promise<Response> {
  return deckResponse(req, "csv");
}

export const GET = answeringOutages(get);
