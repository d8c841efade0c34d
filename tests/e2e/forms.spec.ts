/**
 * Sign-up and sign-in as a person meets them: what was typed stays after an error, the message
 * sits under its field and marks it, a password can be shown, every message is a sentence in the
 * page's language; the account menu closes on Esc and outside; signing out is not a primary button.
 */

import { expect, type Page, test } from "@playwright/test";
import { seriousAxeViolations } from "./support";

const PASSWORD = "vanishing-grads-2026";

async function signUpFromHome(page: Page, username: string, password = PASSWORD, email?: string) {
  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Username").fill(username);
  if (email) await page.getByLabel("Email (optional)").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("a taken username: the message under Username, the field marked, everything typed still there", async ({
  browser,
}) => {
  const name = `taken_${Date.now().toString(36)}`;
  const first = await browser.newContext();
  try {
    const page = await first.newPage();
    await signUpFromHome(page, name);
    await expect(page).toHaveURL(/\/dashboard$/);
  } finally {
    await first.close();
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await signUpFromHome(page, name, PASSWORD, `${name}@example.org`);
    const username = page.getByLabel("Username");
    await expect(page.locator("#username-error")).toHaveText("That username is taken. Please choose another.");
    await expect(username).toHaveAttribute("aria-invalid", "true");
    await expect(username).toHaveAttribute("aria-describedby", /username-error/);
    await expect(username).toBeFocused();
    const border = await username.evaluate((el) => getComputedStyle(el).borderTopColor);
    const bad = await page.evaluate(() => {
      const probe = document.createElement("span");
      probe.style.color = "var(--bad)";
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    });
    expect(border).toBe(bad);
    // nothing under Password, and nothing was lost
    await expect(page.locator("#password-error")).toHaveCount(0);
    await expect(username).toHaveValue(name);
    await expect(page.getByLabel("Email (optional)")).toHaveValue(`${name}@example.org`);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue(PASSWORD);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  // show the password while typing, and hide it again
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show password", exact: true }).click();
  await expect(password).toHaveAttribute("type", "text");
  await expect(page.getByRole("button", { name: "Show password" })).toHaveCount(0);
  await page.getByRole("button", { name: "Hide password", exact: true }).click();
  await expect(password).toHaveAttribute("type", "password");

  // a weak password: its message under Password (schema check), the summary asks to fix it
  await page.getByLabel("Username").fill(`${name}_2`);
  await password.fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toHaveText(
    "That password is too weak: use at least 8 characters with a letter and a digit or symbol.",
  );
  await expect(page.getByRole("alert").first()).toHaveText("Please fix the highlighted fields.");
  await expect(page.getByLabel("Username")).toHaveValue(`${name}_2`);

  // in Chinese, the same sentence in Chinese under the same field
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByLabel("用户名").fill(name);
  await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.locator("#username-error")).toHaveText(/[\u4e00-\u9fff].*。$/);
  await expect(page.getByLabel("用户名")).toHaveAttribute("aria-invalid", "true");
  await context.close();
});

test("a wrong password: said under Password and announced; the username stays", async ({ page }) => {
  const name = `wrongpw_${Date.now().toString(36)}`;
  await signUpFromHome(page, name);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.context().clearCookies();
  await page.goto("/");
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Username or email").fill(name);
  await page.getByLabel("Password", { exact: true }).fill("not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#password-error")).toHaveText("Wrong username/email or password.");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username/email or password." })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Username or email")).toHaveValue(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("the account menu closes on Esc and on a click outside; signing out is a secondary button", async ({ page }) => {
  const name = `menu_${Date.now().toString(36)}`;
  await signUpFromHome(page, name);
  await expect(page).toHaveURL(/\/dashboard$/);
  const menu = page.getByTestId("account-menu");
  const settings = menu.getByRole("link", { name: "Settings" });
  await menu.getByText(name).click();
  await expect(settings).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(settings).toBeHidden();
  await expect(menu.locator("summary")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(settings).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(settings).toBeHidden();
  await menu.getByText(name).click();
  await settings.click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(settings).toBeHidden();

  // on the settings page the sign-out buttons are secondary, not the accent colour of "Save"
  const bg = (n: string) =>
    page
      .getByRole("main")
      .getByRole("button", { name: n, exact: true })
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  const save = await bg("Save settings");
  expect(await bg("Sign out")).not.toBe(save);
  expect(await bg("Sign out everywhere")).not.toBe(save);
  await expect(page.getByRole("main").getByRole("button", { name: "Sign out", exact: true })).toHaveClass(/secondary/);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test.describe("on a phone, in Chinese", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the show-password toggle on sign-in and sign-up, by keyboard: the password shown and hidden, kept through an error", async ({
    page,
    browser,
  }) => {
    const name = `showpw_${Date.now().toString(36)}`;
    // the account, made earlier on a desktop
    const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const first = await desktop.newPage();
      await signUpFromHome(first, name);
      await expect(first).toHaveURL(/\/dashboard$/);
    } finally {
      await desktop.close();
    }

    await page.goto("/");
    await page.getByRole("button", { name: /中文/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    // a phone's header keeps the links behind its menu button
    await page.getByTestId("nav-menu").getByText("菜单").click();
    await page.getByTestId("nav-menu").getByRole("link", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/signin$/);

    const password = page.getByLabel("密码", { exact: true });
    await page.getByLabel("用户名或邮箱").fill(name);
    await password.fill("not-the-password-1");
    await expect(password).toHaveAttribute("type", "password");
    // Tab from the password reaches its toggle; Space shows it, focus stays on the toggle
    await password.press("Tab");
    const show = page.getByRole("button", { name: "显示密码", exact: true });
    await expect(show).toBeFocused();
    await page.keyboard.press("Space");
    await expect(password).toHaveAttribute("type", "text");
    const hide = page.getByRole("button", { name: "隐藏密码", exact: true });
    await expect(hide).toBeFocused();
    await expect(hide).toHaveText("隐藏");
    await expect(password).toHaveValue("not-the-password-1");
    // the toggle sits beside the field, inside the phone's width
    const [field, toggle] = [await password.boundingBox(), await hide.boundingBox()];
    expect(field && toggle && Math.abs(field.y + field.height / 2 - (toggle.y + toggle.height / 2))).toBeLessThan(4);
    expect((toggle?.x ?? 0) + (toggle?.width ?? 0)).toBeLessThanOrEqual(390);
    // Enter on the toggle presses it (hides again), it does not submit the form
    await page.keyboard.press("Enter");
    await expect(password).toHaveAttribute("type", "password");
    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.locator("#password-error")).toHaveCount(0);

    // a wrong password: the message under Password; the toggle still works on what is kept
    await password.press("Enter");
    await expect(page.locator("#password-error")).toHaveText(/[\u4e00-\u9fff].*。$/);
    await expect(page.getByLabel("用户名或邮箱")).toHaveValue(name);
    await password.fill("vanishing-grads-2026");
    await page.getByRole("button", { name: "显示密码", exact: true }).press("Space");
    await expect(password).toHaveAttribute("type", "text");
    await expect(password).toHaveValue("vanishing-grads-2026");
    await password.press("Enter");
    await expect(page).toHaveURL(/\/dashboard$/);

    // sign-up has the same toggle (signed in now, so as a new visitor: the language chosen again)
    await page.context().clearCookies();
    await page.goto("/");
    await page.getByRole("button", { name: /中文/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByTestId("nav-menu").getByText("菜单").click();
    await page.getByTestId("nav-menu").getByRole("link", { name: "注册" }).click();
    await expect(page).toHaveURL(/\/signup$/);
    const newPassword = page.getByLabel("密码", { exact: true });
    await newPassword.fill("typed-on-a-phone-7");
    await newPassword.press("Tab");
    await page.keyboard.press("Space");
    await expect(newPassword).toHaveAttribute("type", "text");
    await expect(newPassword).toHaveValue("typed-on-a-phone-7");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
