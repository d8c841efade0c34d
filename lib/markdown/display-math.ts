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
