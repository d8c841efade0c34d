/** What a server action answers when it does not redirect: a message a person understands. */
export type ActionResult = { ok: true; message?: string } | { ok: false; error: string };

export const initialActionResult: ActionResult = { ok: true };
