/** A tiny cookie-keeping client for better-auth's route handler in integration tests (one per "browser"). */
import { POST } from "@/app/api/auth/[...all]/route";
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_MAX_AGE_S } from "@/lib/accounts/session-token";
import { prisma } from "@/lib/db/client.server";

export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  headers(extra: Record<string, string> = {}): Headers {
    return new Headers({
      cookie: this.cookieHeader,
      origin: "http://localhost",
      "x-forwarded-for": this.ip,
      ...extra,
    });
  }

  keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async post(path: string, body: unknown): Promise<Response> {
    const headers = this.headers({ "content-type": "application/json" });
    return this.keep(
      await POST(
        new Request(`http://localhost/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
      ),
    );
  }

  /**
   * Signs up and then in, as the sign-up form does (sign-up itself signs nobody in: it answers
   * alike for a new and a taken email). Answers the sign-in's response.
   */
  async signUp(body: { email: string; password: string; name: string; username?: string }): Promise<Response> {
    const created = await this.post("/sign-up/email", body);
    if (created.status !== 200) return created;
    return body.username
      ? this.post("/sign-in/username", { username: body.username, password: body.password })
      : this.post("/sign-in/email", { email: body.email, password: body.password });
  }

  /** Makes this browser a guest, like getOrCreateUser does on a first answer. */
  async becomeGuest(): Promise<string> {
    const token = newSessionToken();
    const user = await prisma.user.create({
      data: {
        isAnonymous: true,
        sessions: {
          create: { token: hashSessionToken(token), expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000) },
        },
      },
    });
    this.cookies.set(SESSION_COOKIE, token);
    return user.id;
  }
}
