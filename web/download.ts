/**
 * Charts as files. `standaloneSvg` turns Plot's output (an `<svg>`, or a `<figure>` with an HTML legend)
 * into one self-contained SVG document: white background, the title, the legend redrawn as SVG, then
 * the chart. PNG is that SVG drawn on a canvas at twice the size.
 */

const SVG_NS = "http://www.w3.org/2000/svg";

/** The chart's own `<svg>` in what Plot returned. */
export function chartSvg(el: Element): SVGSVGElement {
  const svg = el.tagName.toLowerCase() === "svg" ? el : el.querySelector(":scope > svg");
  if (!svg) throw new Error("no chart svg in element");
  return svg as SVGSVGElement;
}

/** The legend entries Plot drew as HTML swatches: colour and label. */
function swatches(el: Element): { color: string; label: string }[] {
  return [...el.querySelectorAll('[class$="-swatch"]')].map((s) => ({
    color: s.querySelector("svg")?.getAttribute("fill") ?? "#999",
    label: s.textContent ?? "",
  }));
}

/** One SVG document (as text) of the chart with `title` above it. */
export function standaloneSvg(el: Element, title: string): string {
  const doc = el.ownerDocument;
  const chart = chartSvg(el).cloneNode(true) as SVGSVGElement;
  const width = Number(chart.getAttribute("width")) || 640;
  const chartHeight = Number(chart.getAttribute("height")) || 400;
  const make = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const node = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const root = make("svg", { "font-family": "system-ui, sans-serif", "font-size": 12 });
  const parts: Element[] = [];
  let y = 0;
  if (title) {
    parts.push(make("text", { x: 8, y: 20, "font-size": 15, "font-weight": 600, fill: "#1d2433" }, title));
    y = 30;
  }
  let x = 8;
  const entries = swatches(el);
  if (entries.length > 0) y += 6;
  for (const { color, label } of entries) {
    const w = 22 + label.length * 6.6;
    if (x + w > width && x > 8) {
      x = 8;
      y += 20;
    }
    parts.push(make("rect", { x, y, width: 12, height: 12, fill: color }));
    parts.push(make("text", { x: x + 17, y: y + 10.5, fill: "#1d2433" }, label));
    x += w + 12;
  }
  if (entries.length > 0) y += 22;
  chart.setAttribute("x", "0");
  chart.setAttribute("y", String(y));
  const height = y + chartHeight;
  for (const [k, v] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}` }))
    root.setAttribute(k, String(v));
  root.append(make("rect", { width: "100%", height: "100%", fill: "white" }), ...parts, chart);
  const Serializer = doc.defaultView?.XMLSerializer ?? XMLSerializer;
  return new Serializer().serializeToString(root);
}

/** Saves `blob` as `filename` through a temporary link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(el: Element, title: string, filename: string): void {
  saveBlob(new Blob([standaloneSvg(el, title)], { type: "image/svg+xml;charset=utf-8" }), filename);
}

/** Renders the standalone SVG to a PNG blob at `scale` times its size. */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(img.naturalWidth * scale);
    canvas.height = Math.ceil(img.naturalHeight * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2d canvas context");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("canvas gave no PNG"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(el: Element, title: string, filename: string): Promise<void> {
  saveBlob(await svgToPng(standaloneSvg(el, title)), filename);
}
