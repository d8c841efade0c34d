/**
 * What an account may change about itself through better-auth's update-user: a display name and
 * an avatar URL. Checked on the server (auth.server.ts), since the library stores anything: a name
 * is 1–60 characters of text — no control characters and no bidirectional overrides, which could
 * make a name display as something else — and an image is absent, null, or an https URL.
 */
export const NAME_MAX = 60;
export const IMAGE_URL_MAX = 500;

const CONTROL_OR_BIDI = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function isHttpsUrl(value: string): boolean {
  try {
    return value.length <= IMAGE_URL_MAX && new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** A sentence saying what is wrong with an update-user body, or null. */
export function profileProblem(body: Record<string, unknown>): string | null {
  if ("name" in body) {
    const name = body.name;
    if (typeof name !== "string" || name.trim().length === 0 || [...name].length > NAME_MAX) {
      return `A name has 1–${NAME_MAX} characters.`;
    }
    if (CONTROL_OR_BIDI.test(name)) return "A name cannot contain control or text-direction characters.";
  }
  if ("image" in body && body.image !== null && body.image !== undefined) {
    if (typeof body.image !== "string" || !isHttpsUrl(body.image)) {
      return `An image is an https:// URL of at most ${IMAGE_URL_MAX} characters.`;
    }
  }
  return null;
}
