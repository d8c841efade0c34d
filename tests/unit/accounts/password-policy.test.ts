import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/accounts/password-policy";
import { profileProblem } from "@/lib/accounts/profile";

describe("the server's password policy", () => {
  it.each([
    ["12345678", "passwordWeak"], // no letter
    ["password", "passwordWeak"], // no digit or symbol
    ["        ", "passwordWeak"],
    ["\u0000".repeat(8), "passwordWeak"],
    ["abc\u0000defg1", "passwordWeak"],
    ["short1!", "passwordWeak"],
    ["x1".repeat(65), "passwordWeak"], // 130 characters
    ["password1", "passwordCommon"],
    ["Password1", "passwordCommon"], // case does not help
    ["qwerty123", "passwordCommon"],
    ["iloveyou1", "passwordCommon"],
    [undefined, "passwordWeak"],
    [12345678, "passwordWeak"],
  ])("refuses %j (%s)", (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it("refuses the account's own username or email name", () => {
    expect(passwordProblem("ada.lovelace1", { username: "Ada.Lovelace1" })).toBe("passwordCommon");
    expect(passwordProblem("grace_h0pper", { email: "grace_h0pper@example.com" })).toBe("passwordCommon");
  });

  it("accepts a password a person would choose", () => {
    for (const p of ["gradients-vanish-42", "correct horse battery 9", "梯度消失了吗？2024", "exploding-grads-9"]) {
      expect(passwordProblem(p)).toBeNull();
    }
  });

  it("answers for any input without throwing", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect([null, "passwordWeak", "passwordCommon"]).toContain(passwordProblem(input));
      }),
    );
  });
});

describe("what update-user may store", () => {
  it.each([
    [{ name: "Ada" }, null],
    [{ name: "  " }, /1–60 characters/],
    [{ name: "x".repeat(61) }, /1–60 characters/],
    [{ name: 42 }, /1–60 characters/],
    [{ name: "evil\u202eresu" }, /text-direction/],
    [{ name: "a\u0000b" }, /control/],
    [{ image: "https://example.com/a.png" }, null],
    [{ image: null }, null],
    [{ image: "javascript:alert(1)" }, /https/],
    [{ image: "http://example.com/a.png" }, /https/],
    [{ image: `https://example.com/${"a".repeat(600)}` }, /https/],
    [{ image: { src: "x" } }, /https/],
  ])("%o → %s", (body, expected) => {
    const problem = profileProblem(body as Record<string, unknown>);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
