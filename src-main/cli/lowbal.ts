import { runCli } from './run-cli';

/** The `lowbal` command (package.json `bin`, built to out/main/lowbal.js). */
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
