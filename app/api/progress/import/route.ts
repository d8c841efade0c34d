/**
 * POST /api/progress/import — a progress export back into the current user's account, as a
 * multipart upload (field "file") or a JSON body. Validated, all-or-nothing, idempotent.
 */

import { requireOwnUser } from "@/app/api/progress/require-own-user";
import { importProgress } from "@/lib/db/progress.server";
import { jsonError, problemsOf } from "@/lib/http/json";
import { describeIssues, IMPORT_MAX_BYTES, ProgressExportSchema } from "@/lib/progress/export-format";

export const dynamic = "force-dynamic";

const TOO_LARGE = `The file is too large (limit ${IMPORT_MAX_BYTES / 1024 / 1024} MB).`;

async function readBody(req: Request): Promise<string | Response> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > IMPORT_MAX_BYTES + 64 * 1024) return jsonError(413, TOO_LARGE);
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      return jsonError(400, "The upload could not be read as a form.");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) return jsonError(400, 'Attach the export as the form field "file".');
    if (file.size > IMPORT_MAX_BYTES) return jsonError(413, TOO_LARGE);
    return file.text();
  }
  if (type.startsWith("application/json")) {
    const text = await req.text();
    if (text.length > IMPORT_MAX_BYTES) return jsonError(413, TOO_LARGE);
    return text;
  }
  return jsonError(415, 'Send the export as application/json or as multipart/form-data with a field "file".');
}

export async function POST(req: Request): Promise<Response> {
  const user = await requireOwnUser(req);
  if (user instanceof Response) return user;
  const body = await readBody(req);
  if (body instanceof Response) return body;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    return jsonError(400, `The file is not valid JSON: ${(e as Error).message}`);
  }
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
    console.error("progress import failed", e);
    return jsonError(500, "The import failed and was rolled back: nothing was changed.");
  }
  if (!result.ok) return jsonError(result.status, result.error);
  return Response.json({ ok: true, created: result.created });
}
