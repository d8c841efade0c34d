/**
 * Writes app/favicon.ico from app/icon.svg (the nabla ∇ on the accent colour): Chromium draws the
 * SVG at 16, 32 and 48 px, and the PNGs go into one ICO file (ICO allows PNG images since Vista).
 * Browsers ask for /favicon.ico on their own; the SVG serves those that read <link rel=icon>.
 *
 *   npx tsx scripts/make-favicon.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/playwright.config";

const SIZES = [16, 32, 48];
const svg = readFileSync("app/icon.svg", "utf8");

const browser = await chromium.launch(CHROMIUM_LAUNCH);
const pngs: Buffer[] = [];
for (const size of SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  pngs.push(await page.screenshot({ omitBackground: true }));
  await page.close();
}
await browser.close();

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNGs.
const header = Buffer.alloc(6 + 16 * SIZES.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(SIZES.length, 4);
let offset = header.length;
SIZES.forEach((size, i) => {
  const png = pngs[i] as Buffer;
  const at = 6 + 16 * i;
  header.writeUInt8(size % 256, at);
  header.writeUInt8(size % 256, at + 1);
  header.writeUInt16LE(1, at + 4); // colour planes
  header.writeUInt16LE(32, at + 6); // bits per pixel
  header.writeUInt32LE(png.length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += png.length;
});
writeFileSync("app/favicon.ico", Buffer.concat([header, ...pngs]));
console.log(`wrote app/favicon.ico (${SIZES.join(", ")} px, ${offset} bytes)`);
