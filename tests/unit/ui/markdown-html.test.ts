import { describe, expect, it } from "vitest";
import { markdownToHtml } from "@/lib/ui/markdown";

describe("markdownToHtml (the one renderer of question text)", () => {
  it("renders GFM and KaTeX math, inline and display", () => {
    const html = markdownToHtml(
      "A **bold** claim with $\\sigma'(x) \\le 1/4$.\n\n$$\\prod_k W_k$$\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display" tabindex="0"');
    expect(html).toContain("<table>");
  });

  it("never passes raw HTML, scripts, event handlers or javascript: links", () => {
    const html = markdownToHtml(
      'x <script>alert(1)</script> <img src=x onerror="alert(2)"> [link](javascript:alert(3)) <iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe|<img/i);
  });

  it("shows a formula KaTeX cannot parse in place instead of throwing", () => {
    expect(() => markdownToHtml("bad $\\frac{1}{$ formula")).not.toThrow();
  });

  it("returns the same string for the same text (memoized), different for different text", () => {
    const a = markdownToHtml("same *text*");
    expect(markdownToHtml("same *text*")).toBe(a);
    expect(markdownToHtml("other *text*")).not.toBe(a);
  });
});
