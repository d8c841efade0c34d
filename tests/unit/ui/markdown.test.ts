import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/Markdown";
import { blockDisplayMath } from "@/lib/ui/markdown";

describe("display math on one line", () => {
  it("turns a line holding only $$…$$ into the block form", () => {
    expect(blockDisplayMath("Text\n\n$$a = b$$\n\nmore")).toBe("Text\n\n$$\na = b\n$$\n\nmore");
    expect(blockDisplayMath("  $$x^2$$  ")).toBe("  $$\n  x^2\n  $$");
  });

  it("leaves inline math, prices and block math alone", () => {
    for (const s of ["the product $a$ and $$b$$ inline", "costs $5 and $6", "$$\nx\n$$"]) {
      expect(blockDisplayMath(s)).toBe(s);
    }
  });

  it("renders as KaTeX display math on the page", () => {
    const html = renderToStaticMarkup(Markdown({ children: "Intro\n\n$$\\frac{a}{b}$$\n\nEnd" }));
    expect(html).toContain('class="katex-display" tabindex="0"'); // focusable: it may scroll sideways
  });
});
