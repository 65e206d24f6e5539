/**
 * Normalises Plot's SVG for snapshots, the way Plot's own snapshot harness does: numbers rounded to two
 * decimals, the generated class names (`plot-d6a7b5`) renumbered, and one element per line.
 */
export function normaliseSvg(svg: string): string {
  const classes = new Map<string, string>();
  return svg
    .replace(/plot-[0-9a-f]{6}/g, (m) => {
      if (!classes.has(m)) classes.set(m, `plot-${classes.size}`);
      return classes.get(m)!;
    })
    .replace(/\d+\.\d{3,}/g, (m) => String(Math.round(Number(m) * 100) / 100))
    .replace(/>(?=<[^/])/g, ">\n");
}
