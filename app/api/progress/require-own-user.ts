/** Shared by the progress and deck routes: who is asking, and refusing to answer for anyone else. */
import "server-only";
import { type CurrentUser, currentUserFromHeaders } from "@/lib/accounts/current-user.server";
import { jsonError } from "@/lib/http/json";

/**
 * The requesting user, or an error response: 401 without a session; 403 when the request names
 * another user (`?userId=` / `?user=`): there is no way to read or change someone else's data.
 */
export async function requireOwnUser(req: Request): Promise<CurrentUser | Response> {
  const user = await currentUserFromHeaders(req.headers);
  const url = new URL(req.url);
  const named = url.searchParams.get("userId") ?? url.searchParams.get("user");
  if (named !== null && named !== user?.id) return jsonError(403, "You can only access your own progress.");
  if (!user) return jsonError(401, "No progress on this browser yet: answer a question or sign in first.");
  return user;
}
