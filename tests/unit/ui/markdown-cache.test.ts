import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/Markdown";

describe("Markdown's rendered-text cache", () => {
  it("gives the same markup the second time, and a different text its own", () => {
    const text = "The product $\\prod_l W_l$ of **twenty** layers.";
    const first = renderToStaticMarkup(Markdown({ children: text }));
    expect(first).toContain("katex");
    expect(first).toContain("<strong>twenty</strong>");
    expect(renderToStaticMarkup(Markdown({ children: text }))).toBe(first);
    expect(renderToStaticMarkup(Markdown({ children: text, className: "inline-md" }))).toBe(
      first.replace('class="prose"', 'class="inline-md"'),
    );
    expect(renderToStaticMarkup(Markdown({ children: `${text} Again.` }))).not.toBe(first);
    // the second render reuses the first one's tree rather than running KaTeX again
    expect(Markdown({ children: text }).props.children).toBe(Markdown({ children: text }).props.children);
    expect(Markdown({ children: text }).props.children).not.toBe(
      Markdown({ children: `${text} Again.` }).props.children,
    );
  });
});
