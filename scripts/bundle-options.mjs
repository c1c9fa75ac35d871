/** The esbuild options every bundle of mcp-doctor shares (the CLI in dist/, the plugin's one file). */
export const nodeBundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer a package's ES module build: jsonc-parser's CommonJS one is UMD with requires a bundler cannot follow.
  mainFields: ['module', 'main'],
  // Readable stack traces for --debug: no renamed identifiers.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};
