import { describe, expect, it } from "vitest";
import { checkActionRequest } from "@/lib/http/action-request";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const MULTIPART = "multipart/form-data; boundary=x";
const check = (headers: Record<string, string>, body: FormData | Error | string = new FormData()) =>
  checkActionRequest(
    new Headers({ "content-length": "10", ...headers }),
    async () => {
      if (body instanceof Error) throw body;
      if (typeof body === "string") throw new TypeError("not a form");
      return body;
    },
    async () => {
      if (body instanceof Error) throw body;
      if (typeof body !== "string") throw new TypeError("no text");
      return body;
    },
  );

describe("the shape of a server action request (lib/http/action-request.ts)", () => {
  it("lets through what a GradLab form sends, with and without JavaScript", async () => {
    const js = form({ "0": '[{"ok":true,"message":"$undefined"},"$K1"]', "1_slug": "x" });
    expect(await check({ "next-action": "ab", "content-type": MULTIPART }, js)).toEqual({ ok: true });
    expect(await check({ "next-action": "ab", "content-type": MULTIPART }, form({ "0": '["$K1"]' }))).toEqual({
      ok: true,
    });
    const noJs = form({
      $ACTION_REF_3: "",
      "$ACTION_3:0": '{"id":"60c4f0","bound":"$@1"}',
      "$ACTION_3:1": '[{"ok":true}]',
      $ACTION_KEY: "k",
      slug: "x",
    });
    expect(await check({ "content-type": MULTIPART }, noJs)).toEqual({ ok: true });
    expect(await check({ "content-type": MULTIPART }, form({ $ACTION_ID_abc: "", slug: "x" }))).toEqual({ ok: true });
    // not an action at all: a page just renders
    expect(await check({ "content-type": "application/x-www-form-urlencoded" }, form({ x: "1" }))).toEqual({
      ok: true,
    });
    expect(await check({ "content-type": "application/json" })).toEqual({ ok: true });
  });

  it("lets through an action that uses no arguments (sign-out): Next.js sends its root alone, as text/plain", async () => {
    expect(await check({ "next-action": "00ab", "content-type": "text/plain;charset=UTF-8" }, "[]")).toEqual({
      ok: true,
    });
  });

  it.each([
    ["a JSON body", { "next-action": "ab", "content-type": "application/json" }, new FormData(), 415],
    ["a text root that is not JSON", { "next-action": "ab", "content-type": "text/plain" }, "garbage{", 400],
    ["a text root that is not a list", { "next-action": "ab", "content-type": "text/plain" }, '{"a":1}', 400],
    ["a text root with a server reference", { "next-action": "ab", "content-type": "text/plain" }, '["$h1"]', 400],
    ["an unreadable text body", { "next-action": "ab", "content-type": "text/plain" }, new Error("bad"), 400],
    ["a body that is not a form", { "next-action": "ab", "content-type": MULTIPART }, new Error("bad"), 400],
    ["a field without a name", { "next-action": "ab", "content-type": MULTIPART }, form({ "0": "[]", "": "x" }), 400],
    ["no root part", { "next-action": "ab", "content-type": MULTIPART }, form({ "1_slug": "x" }), 400],
    ["a root that is not JSON", { "next-action": "ab", "content-type": MULTIPART }, form({ "0": "garbage{" }), 400],
    ["a root that is not a list", { "next-action": "ab", "content-type": MULTIPART }, form({ "0": '{"a":1}' }), 400],
    [
      "a reference to a missing part",
      { "next-action": "ab", "content-type": MULTIPART },
      form({ "0": '["$@5"]' }),
      400,
    ],
    ["a server reference", { "next-action": "ab", "content-type": MULTIPART }, form({ "0": '["$h1"]' }), 400],
    ["a Map", { "next-action": "ab", "content-type": MULTIPART }, form({ "0": '[{"a":"$Q2"}]' }), 400],
    [
      "deep nesting",
      { "next-action": "ab", "content-type": MULTIPART },
      form({ "0": `${"[".repeat(40)}${"]".repeat(40)}` }),
      400,
    ],
    ["bad action metadata", { "content-type": MULTIPART }, form({ $ACTION_REF_1: "", "$ACTION_1:0": "garbage" }), 400],
    [
      "metadata without an id",
      { "content-type": MULTIPART },
      form({ $ACTION_REF_1: "", "$ACTION_1:0": '{"bound":null}' }),
      400,
    ],
    [
      "bound arguments that reference nothing",
      { "content-type": MULTIPART },
      form({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"a","bound":"$@1"}', "$ACTION_1:1": '["$@9"]' }),
      400,
    ],
  ])("refuses %s", async (_name, headers, body, status) => {
    const result = await check(headers as Record<string, string>, body as FormData | Error | string);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(status);
  });

  it("asks a POST without a Content-Length for one", async () => {
    const result = await checkActionRequest(
      new Headers({ "content-type": MULTIPART }),
      async () => new FormData(),
      async () => "",
    );
    expect(result).toMatchObject({ ok: false, status: 411 });
  });

  // FUZZ_SEED=20261201 (tests/e2e/fuzz.spec.ts): signOut's id with a field named " " answered 500 —
  // React's streaming decoder reads a field whose name `+name` makes a number as a part of the
  // reply, and " " is part 0, the root it had already decoded
  it.each([" ", "00", " 0", "0x0", "-0", "1e0", "S0", "S ", "1"])(
    "refuses a scripted action with a field React would take for a part of its reply: %j",
    async (name) => {
      const body = new FormData();
      body.append("0", '["$K1"]');
      body.append(name, "what-are-vanishing-exploding-gradients");
      const result = await check({ "next-action": "ab", "content-type": MULTIPART }, body);
      expect(result).toMatchObject({ ok: false, status: 400 });
    },
  );

  it("refuses a second root, before or after the first", async () => {
    const orders: [string, string][] = [
      ["[]", '["$@5"]'],
      ['["$@5"]', "[]"],
    ];
    for (const [first, second] of orders) {
      const body = new FormData();
      body.append("0", first);
      body.append("0", second);
      expect(await check({ "next-action": "ab", "content-type": MULTIPART }, body)).toMatchObject({
        ok: false,
        status: 400,
      });
    }
  });

  it("still takes a scripted form's own fields, whatever they are called", async () => {
    const body = form({ "0": '["$K1"]', "1_slug": "x", "1_ ": "y", "1_0": "z", S: "s", Sx: "t", x: "u" });
    expect(await check({ "next-action": "ab", "content-type": MULTIPART }, body)).toEqual({ ok: true });
  });
});
