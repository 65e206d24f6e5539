/**
 * A card around one chart: its title, optional controls (such as a hours/$ toggle), SVG and PNG download
 * buttons, and the chart drawn at the card's width; `redraw` draws it again (new data, new width).
 */
import { h, replaceChildren } from "../dom.ts";
import { downloadPng, downloadSvg } from "../download.ts";

export interface ChartCardOptions {
  title: string;
  /** File name without extension. */
  filename: string;
  /** Draws the chart at `width` pixels, or returns a message to show instead. */
  draw: (width: number) => Element | string;
  controls?: HTMLElement[];
  /** Extra class, e.g. `wide` for a card spanning the grid. */
  className?: string;
}

export interface ChartCard {
  element: HTMLElement;
  redraw(): void;
}

export function chartCard(options: ChartCardOptions): ChartCard {
  const body = h("div", { class: "chart-body" });
  let chart: Element | null = null;
  const svgButton = h(
    "button",
    { class: "small", onclick: () => chart && downloadSvg(chart, options.title, `${options.filename}.svg`) },
    "SVG",
  );
  const pngButton = h(
    "button",
    { class: "small", onclick: () => chart && void downloadPng(chart, options.title, `${options.filename}.png`) },
    "PNG",
  );
  const element = h(
    "section",
    { class: `card chart-card ${options.className ?? ""}`, "data-chart": options.filename },
    h(
      "header",
      {},
      h("h3", {}, options.title),
      h("span", { class: "spacer" }),
      ...(options.controls ?? []),
      h("span", { class: "downloads", "aria-label": "Download chart" }, svgButton, pngButton),
    ),
    body,
  );
  const redraw = () => {
    const width = Math.max(320, Math.floor(body.clientWidth || element.clientWidth || 560));
    const drawn = options.draw(width);
    chart = typeof drawn === "string" ? null : drawn;
    svgButton.disabled = pngButton.disabled = chart === null;
    replaceChildren(body, typeof drawn === "string" ? h("p", { class: "empty-chart" }, drawn) : drawn);
  };
  return { element, redraw };
}
