/**
 * POST /api/progress/import — a progress export back into the current account, as a multipart
 * upload (field "file") or a JSON body. Accounts only (a guest has nothing worth restoring and is
 * free to make, so imports would be free to flood), at most IMPORT_LIMIT per account and hour
 * (counted in the database, so on all app servers together); same-site only; the body read within
 * the size limit and its nesting checked before it is parsed; validated, all-or-nothing,
 * idempotent, written in bulk.
 */

import { answeringOutages } from "@/app/api/outage";
import { requireOwnUser } from "@/app/api/progress/require-own-user";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { takeSharedLimit } from "@/lib/db/limits.server";
import { importProgress } from "@/lib/db/progress-import.server";
import { yieldToEventLoop } from "@/lib/event-loop";
import { jsonNestsDeeperThan, readBodyForm, readBodyText } from "@/lib/http/body";
import { jsonError, problemsOf } from "@/lib/http/json";
import { refuseCrossSite } from "@/lib/http/origin";
import {
  describeIssues,
  IMPORT_LIMIT,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_DEPTH,
  ProgressExportSchema,
} from "@/lib/progress/export-format";

export const dynamic = "force-dynamic";

const TOO_LARGE = `The file is too large (limit ${IMPORT_MAX_BYTES / 1024 / 1024} MB).`;
/** A multipart body's boundaries and part headers on top of the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

async function readUpload(req: Request): Promise<string | Response> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const form = await readBodyForm(req, IMPORT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES);
    if (!form.ok) return form.response.status === 413 ? jsonError(413, TOO_LARGE) : form.response;
    const file = form.value.get("file");
    if (!(file instanceof Blob)) return jsonError(400, 'Attach the export as the form field "file".');
    if (file.size > IMPORT_MAX_BYTES) return jsonError(413, TOO_LARGE);
    return file.text();
  }
  if (type.startsWith("application/json")) {
    const text = await readBodyText(req, IMPORT_MAX_BYTES);
    return text.ok ? text.value : text.response.status === 413 ? jsonError(413, TOO_LARGE) : text.response;
  }
  return jsonError(415, 'Send the export as application/json or as multipart/form-data with a field "file".');
}

async function post(req: Request): Promise<Response> {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const user = await requireOwnUser(req);
  if (user instanceof Response) return user;
  if (user.isAnonymous) {
    return jsonError(
      403,
      "Importing progress needs an account: sign up or sign in first (your guest progress comes along).",
    );
  }
  // counted before the body is read: parsing and checking 5 MB is the costly part
  const allowed = await takeSharedLimit(`import:${user.id}`, IMPORT_LIMIT);
  if (!allowed.ok) {
    const response = jsonError(
      429,
      `You have started ${IMPORT_LIMIT.max} imports in the last hour; try again in ${Math.ceil(allowed.retryAfterS / 60)} minutes.`,
    );
    response.headers.set("retry-after", String(allowed.retryAfterS));
    return response;
  }
  const body = await readUpload(req);
  if (body instanceof Response) return body;
  // Each step below is one synchronous stretch over up to 5 MB: other requests get a turn between them.
  await yieldToEventLoop();
  if (jsonNestsDeeperThan(body, IMPORT_MAX_DEPTH)) {
    return jsonError(
      422,
      `The file is not a GradLab progress export: it nests deeper than ${IMPORT_MAX_DEPTH} levels.`,
    );
  }
  await yieldToEventLoop();
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    return jsonError(400, `The file is not valid JSON: ${(e as Error).message}`);
  }
  await yieldToEventLoop();
  const parsed = ProgressExportSchema.safeParse(raw);
  if (!parsed.success) {
    return jsonError(
      422,
      `The file is not a GradLab progress export: ${describeIssues(parsed.error.issues)}`,
      problemsOf(parsed.error.issues),
    );
  }
  let result: Awaited<ReturnType<typeof importProgress>>;
  try {
    result = await importProgress(user.id, parsed.data);
  } catch (e) {
    if (isDatabaseUnavailable(e)) throw e; // answered 503 by answeringOutages
    console.error("progress import failed", e);
    return jsonError(500, "The import failed and was rolled back: nothing was changed.");
  }
  if (!result.ok) return jsonError(result.status, result.error);
  return Response.json({ ok: true, created: result.created });
}

export const POST = answeringOutages(post);
