/**
 * Options every chart function takes besides its own: the document to draw in (jsdom in tests, the page
 * otherwise) and the width in pixels. Charts return Plot's element: an `<svg>`, or a `<figure>` holding
 * the legend and the `<svg>`.
 */
export interface ChartOptions {
  /** Default: the global `document`. */
  document?: Document;
  /** Pixels; default 640. */
  width?: number;
}

/** The Plot options common to all charts. */
export const baseOptions = (options: ChartOptions) => ({
  ...(options.document ? { document: options.document } : {}),
  width: options.width ?? 640,
  style: { fontSize: "12px" },
});
