/**
 * Bundles the browser code (web/main.ts with Observable Plot, d3 and the `yaml` package) into one ES
 * module, and web/style.css with its imports into one stylesheet, in memory with esbuild. Nothing is
 * written to disk and nothing is fetched at run time: the UI works offline.
 */
import { build, type BuildOptions } from "esbuild";
import { projectPath } from "../src/scenarios/project.ts";

/** The bundle: the page's JavaScript and its stylesheet. */
export interface WebBundle {
  js: string;
  css: string;
}

// From the project root, not this module: in the compiled CLI (dist/) this code is bundled elsewhere.
const entry = (name: string) => projectPath("web", name);

async function bundleOne(file: string, options: BuildOptions): Promise<string> {
  const result = await build({
    entryPoints: [entry(file)],
    bundle: true,
    write: false,
    outdir: "out",
    legalComments: "none",
    logLevel: "silent",
    ...options,
  });
  const text = result.outputFiles?.[0]?.text;
  if (text === undefined) throw new Error(`esbuild produced no output for web/${file}`);
  return text;
}

/**
 * Builds web/main.ts and web/style.css. Minified unless `minify: false` (for debugging in the browser).
 * @throws esbuild's error (with every message) when the sources do not compile.
 */
export async function buildWebBundle(options: { minify?: boolean } = {}): Promise<WebBundle> {
  const minify = options.minify ?? true;
  const [js, css] = await Promise.all([
    bundleOne("main.ts", { format: "esm", platform: "browser", target: ["es2022"], minify }),
    bundleOne("style.css", { minify }),
  ]);
  return { js, css };
}
