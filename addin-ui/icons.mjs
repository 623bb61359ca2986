// Renders the add-in's icons (public/assets/*.png) from the SVG below with Debian's Chromium.
// Run once after changing the artwork: `node icons.mjs`; the PNGs are committed.
import { chromium } from "playwright-core";
import { writeFileSync } from "node:fs";

const color = (s) => `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 64 64">
<rect x="2" y="2" width="60" height="60" rx="12" fill="#0F6CBD"/>
<path d="M12 20h40v26H12z" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round"/>
<path d="M12 20l20 15 20-15" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round"/>
<circle cx="47" cy="45" r="11" fill="#107C10" stroke="#fff" stroke-width="3"/>
<path d="M41.5 45.5l4 4 7-8" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
const outline = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
<path d="M4 9h24v15H4z" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>
<path d="M4 9l12 9 12-9" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>
</svg>`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage();
async function shot(svg, size, file) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator("svg").screenshot({ omitBackground: true });
  writeFileSync(`public/assets/${file}`, png);
}
for (const s of [16, 32, 64, 80, 128]) await shot(color(s), s, `icon-${s}.png`);
await shot(color(192), 192, "color.png");
await shot(outline, 32, "outline.png");
await browser.close();
