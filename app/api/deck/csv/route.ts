/** GET /api/deck/csv?lang=en|zh — the deck as RFC 4180 CSV (Front, Back, Tags). */
import { deckResponse } from "@/lib/progress/deck-route.server";

export async function GET(req: Request): Promise<Response> {
  return deckResponse(req, "csv");
}
