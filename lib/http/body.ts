/**
 * Request bodies read with a bound: the declared Content-Length is checked before anything is
 * read, and a body sent without one (chunked) is counted as it arrives and dropped the moment it
 * passes the limit — so no request can make the server buffer more than its route allows. JSON
 * is also checked for nesting depth before it is parsed (a 5,000-deep array overflows the stack
 * of every recursive reader after JSON.parse, zod's and Prisma's included).
 */
import type { z } from "zod";
import { jsonError, problemsOf } from "./json";

/** What Next.js accepts as a server action's body (serverActions.bodySizeLimit, its default); proxy.ts refuses more. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
/** A JSON API's body when its route says nothing else: a review, an undo, a config are a few hundred bytes. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/** Deeper than any document GradLab writes or reads (a progress export is 6 levels deep). */
export const DEFAULT_MAX_JSON_DEPTH = 32;

export type BodyRead<T> = { ok: true; value: T } | { ok: false; response: Response };

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`);

function tooLarge(limit: number): BodyRead<never> {
  return { ok: false, response: jsonError(413, `The request body is too large (limit ${kb(limit)}).`) };
}

/** The body's bytes, at most `limit` of them; 413 when it is (or declares itself) larger. */
export async function readBodyBytes(request: Request, limit: number): Promise<BodyRead<Uint8Array<ArrayBuffer>>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) return tooLarge(limit);
  if (!request.body) return { ok: true, value: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, response: jsonError(400, "The request body could not be read.") };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, value: bytes };
}

/** The body as UTF-8 text (invalid sequences become U+FFFD, and JSON.parse then refuses them if they matter). */
export async function readBodyText(request: Request, limit: number): Promise<BodyRead<string>> {
  const bytes = await readBodyBytes(request, limit);
  return bytes.ok ? { ok: true, value: new TextDecoder().decode(bytes.value) } : bytes;
}

/** A multipart/form-data or urlencoded body, read within `limit` bytes and then parsed. */
export async function readBodyForm(request: Request, limit: number): Promise<BodyRead<FormData>> {
  const bytes = await readBodyBytes(request, limit);
  if (!bytes.ok) return bytes;
  const type = request.headers.get("content-type") ?? "";
  try {
    return { ok: true, value: await new Response(bytes.value, { headers: { "content-type": type } }).formData() };
  } catch {
    return { ok: false, response: jsonError(400, "The upload could not be read as a form.") };
  }
}

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found without parsing it: one pass
 * over the characters, skipping strings. Malformed text may answer either way; JSON.parse decides.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** JSON text parsed after the depth check: 400 for text that is not JSON or nests too deep. */
export function parseJsonText(text: string, maxDepth = DEFAULT_MAX_JSON_DEPTH): BodyRead<unknown> {
  if (jsonNestsDeeperThan(text, maxDepth)) {
    return { ok: false, response: jsonError(400, `The JSON nests deeper than ${maxDepth} levels.`) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, response: jsonError(400, `The body is not valid JSON: ${(e as Error).message}`) };
  }
}

/**
 * A JSON request body, read within `limit` bytes, depth-checked, parsed and validated with the
 * route's schema — or the 4xx response to send (415, 413, 400 naming the first problem).
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = DEFAULT_BODY_LIMIT_BYTES,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return { ok: false, response: jsonError(415, "Send the body as JSON (Content-Type: application/json).") };
  }
  const text = await readBodyText(request, limit);
  if (!text.ok) return text;
  const json = parseJsonText(text.value);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    return { ok: false, response: jsonError(400, issues[0]?.message ?? "Invalid body.", problemsOf(issues)) };
  }
  return { ok: true, data: parsed.data };
}
