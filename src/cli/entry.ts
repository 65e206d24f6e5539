/**
 * The command's entry point: runs `main` with the process's arguments and sets the exit status. bin/stallsim.js
 * loads it from the compiled build (dist/stallsim.js) or, when that is missing or older than the sources,
 * from here through tsx.
 */
import { main } from "./main.ts";

process.exitCode = await main(process.argv.slice(2));
