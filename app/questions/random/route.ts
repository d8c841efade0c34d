/**
 * GET /questions/random?topic=…&difficulty=…&type=…&q=… — "a random unseen question": redirects
 * to one question matching the filters that this learner has never seen (status new), or back to
 * the list of unseen ones (which then says none match) when there is none.
 */
import { getLocale } from "next-intl/server";
import { getCurrentUser } from "@/lib/accounts/current-user.server";
import { randomUnseenQuestion } from "@/lib/db/study-status.server";
import { toLocale } from "@/lib/i18n/locales";
import { parseQuestionFilter, questionListHref } from "@/lib/questions/filter";

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const { status: _status, sort: _sort, ...filter } = parseQuestionFilter(Object.fromEntries(url.searchParams));
  const [user, locale] = await Promise.all([getCurrentUser(), getLocale()]);
  const slug = await randomUnseenQuestion(toLocale(locale), filter, user?.id ?? null);
  const target = slug ? `/questions/${slug}` : questionListHref({ ...filter, status: "new" });
  return new Response(null, { status: 303, headers: { location: target, "cache-control": "no-store" } });
}
