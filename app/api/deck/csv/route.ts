/** GET /api/deck/csv?lang=en|zh — the deck as RFC 4180 CSV (Front, Back, Tags). */
import { deckResponse } from "@/app/api/deck/deck-response";

export async function GET(req: Request): Promise<Response> {
  return deckResponse(req, "csv");
}
