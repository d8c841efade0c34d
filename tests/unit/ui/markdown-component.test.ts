import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/Markdown";

// The cache itself lives in lib/ui/markdown.ts (tests/unit/ui/markdown-html.test.ts); this checks
// that the component shows the memoized HTML unchanged under whichever class it is given.
describe("Markdown (the component around markdownToHtml)", () => {
  it("gives the same markup the second time, the class it is given, and a different text its own", () => {
    const text = "The product $\\prod_l W_l$ of **twenty** layers.";
    const first = renderToStaticMarkup(Markdown({ children: text }));
    expect(first).toContain("katex");
    expect(first).toContain("<strong>twenty</strong>");
    expect(first.startsWith('<div class="prose">')).toBe(true);
    expect(renderToStaticMarkup(Markdown({ children: text }))).toBe(first);
    expect(renderToStaticMarkup(Markdown({ children: text, className: "inline-md" }))).toBe(
      first.replace('class="prose"', 'class="inline-md"'),
    );
    expect(renderToStaticMarkup(Markdown({ children: `${text} Again.` }))).not.toBe(first);
  });
});
