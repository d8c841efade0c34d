/**
 * The shape of a server action request, checked before Next.js decodes it (proxy.ts). Next.js
 * answers an action payload it cannot decode — a body that is not a form, a reference to a part
 * that is not there (React's reply format: "$@5" waits for chunk 5, "Connection closed") — with a
 * 500. Every GradLab action is a form's action, so a real request is one of two things:
 *
 * - with JavaScript: a POST with a `Next-Action` header and a multipart body whose root part "0"
 *   is a JSON array of plain values and "$K<n>" references to the form's own fields — or, for an
 *   action that uses none of its arguments (Next.js marks that in the action id and drops the
 *   FormData: sign-out), a text/plain body that is that JSON array itself, "[]";
 * - without JavaScript: a multipart or urlencoded form post with `$ACTION_ID_<id>` or
 *   `$ACTION_REF_<n>` fields, the latter with JSON metadata `$ACTION_<n>:0` = {id, bound} and the
 *   bound arguments, in the same reply format, from `$ACTION_<n>:1` on.
 *
 * Anything else addressed to an action is refused with a 4xx here; what is well-formed reaches
 * the action, which validates the fields themselves.
 */
import { DEFAULT_MAX_JSON_DEPTH, jsonNestsDeeperThan } from "./body";

export type ActionCheck = { ok: true } | { ok: false; status: 400 | 411 | 415; message: string };

const refuse = (status: 400 | 411 | 415, message: string): ActionCheck => ({ ok: false, status, message });
const OK: ActionCheck = { ok: true };

/**
 * A string in React's reply format that is safe to decode: an escaped string ("$$…"), a form
 * reference ("$K1"), or a primitive (undefined, a date, ±Infinity, -0, NaN). Every other "$"
 * string refers to another part or a server reference, which no GradLab form sends.
 */
function isPlainReplyString(s: string): boolean {
  return !s.startsWith("$") || /^\$(\$|K[0-9a-f]+$|undefined$|D|Infinity$|-Infinity$|-0$|NaN$)/.test(s);
}

function onlyPlainValues(value: unknown): boolean {
  if (typeof value === "string") return isPlainReplyString(value);
  if (Array.isArray(value)) return value.every(onlyPlainValues);
  if (typeof value === "object" && value !== null) return Object.values(value).every(onlyPlainValues);
  return true;
}

/** A reply-format root: JSON, not too deep, an array of plain values and form references. */
function isPlainReplyRoot(text: FormDataEntryValue | null, mustBeArray: boolean): boolean {
  if (typeof text !== "string" || jsonNestsDeeperThan(text, DEFAULT_MAX_JSON_DEPTH)) return false;
  try {
    const value: unknown = JSON.parse(text);
    return (!mustBeArray || Array.isArray(value)) && onlyPlainValues(value);
  } catch {
    return false;
  }
}

/**
 * Whether React's streaming reply decoder (decodeReplyFromBusboy, which Next.js uses for a
 * multipart action) takes a field of this name for a part of the reply: a name that JavaScript's
 * `+name` reads as a number — "0", but also " ", "00", "0x0", "1e0" — or "S" and such a number.
 * Such a field meeting a part that is already there (a second root "0", or " " after "0") makes
 * the decoder throw (`enqueueModel is not a function`: a 500); before the root, it would replace
 * the root this check read.
 */
function isReplyPartName(name: string): boolean {
  const id = name.startsWith("S") ? name.slice(1) : name;
  return id !== "" && !Number.isNaN(+id);
}

/** A no-JavaScript action post: `$ACTION_ID_<id>`, or `$ACTION_REF_<n>` with its metadata and bound arguments. */
function checkProgressiveForm(form: FormData): ActionCheck {
  const keys = [...form.keys()];
  const ref = keys.find((k) => k.startsWith("$ACTION_REF_"));
  if (!ref) return OK; // $ACTION_ID_<id>: Next.js looks the id up and answers 4xx itself for an unknown one
  const prefix = `$ACTION_${ref.slice("$ACTION_REF_".length)}:`;
  const meta = form.get(`${prefix}0`);
  let parsed: unknown;
  try {
    parsed = typeof meta === "string" && !jsonNestsDeeperThan(meta, 4) ? JSON.parse(meta) : null;
  } catch {
    parsed = null;
  }
  const m = parsed as { id?: unknown; bound?: unknown } | null;
  if (typeof m?.id !== "string" || !(m.bound === null || m.bound === undefined || m.bound === "$@1")) {
    return refuse(400, "The form's action reference is malformed.");
  }
  if (m.bound === "$@1" && !isPlainReplyRoot(form.get(`${prefix}1`), true)) {
    return refuse(400, "The form's bound arguments are malformed.");
  }
  return OK;
}

/**
 * Checks a POST to a page (`body` and `text` read a copy: reading it leaves the request's own
 * body alone).
 */
export async function checkActionRequest(
  headers: Headers,
  body: () => Promise<FormData>,
  text: () => Promise<string>,
): Promise<ActionCheck> {
  if (headers.get("content-length") === null) return refuse(411, "Send the form with a Content-Length.");
  const type = (headers.get("content-type") ?? "").toLowerCase();
  const isForm = type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
  const viaScript = headers.has("next-action");
  if (viaScript && type.startsWith("text/plain")) {
    let root: string;
    try {
      root = await text();
    } catch {
      return refuse(400, "The form's body could not be read.");
    }
    return isPlainReplyRoot(root, true) ? OK : refuse(400, "The form action's arguments are malformed.");
  }
  if (viaScript && !type.startsWith("multipart/form-data")) {
    return refuse(415, "A form action takes the form's fields (multipart/form-data).");
  }
  if (!isForm) return OK; // not a form: no action is involved, the page just renders
  let form: FormData;
  try {
    form = await body();
  } catch {
    return refuse(400, "The form's body could not be read.");
  }
  // a browser never sends a field without a name (React's decoder fails on one)
  const keys = [...form.keys()];
  if (keys.some((k) => k === "")) return refuse(400, "The form has a field without a name.");
  if (viaScript) {
    // the root "0" is the only part of the reply a GradLab form sends (its fields are "1_<name>")
    if (keys.filter(isReplyPartName).join() !== "0") return refuse(400, "The form has a field that is not its own.");
    return isPlainReplyRoot(form.get("0"), true) ? OK : refuse(400, "The form action's arguments are malformed.");
  }
  return checkProgressiveForm(form);
}
