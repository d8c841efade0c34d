/**
 * remark-math renders `$$…$$` as display math only when the dollars stand on lines of their own;
 * written on one line (as our question files do, so a formula reads as one line in review) it
 * becomes inline math. A line holding nothing but `$$…$$` is turned into the block form.
 */
const ONE_LINE_DISPLAY_MATH = /^([ \t]*)\$\$([^\n$]+?)\$\$[ \t]*$/gm;

export function blockDisplayMath(markdown: string): string {
  return markdown.replace(
    ONE_LINE_DISPLAY_MATH,
    (_m, indent: string, tex: string) => `${indent}$$\n${indent}${tex.trim()}\n${indent}$$`,
  );
}

type HastNode = { type: string; properties?: Record<string, unknown>; children?: HastNode[] };

/**
 * rehype plugin: display formulas scroll sideways when wider than the screen, so keyboard users
 * must be able to focus them to scroll (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function rehypeFocusableDisplayMath() {
  const visit = (node: HastNode): void => {
    const className = node.properties?.className;
    if (Array.isArray(className) && className.includes("katex-display") && node.properties) {
      node.properties.tabIndex = 0;
    }
    node.children?.forEach(visit);
  };
  return (tree: HastNode) => visit(tree);
}
