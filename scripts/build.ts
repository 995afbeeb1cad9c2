// npm run build — bundles the server (src/main.ts) and the migration child into dist/ with esbuild, so production
// runs plain JavaScript: no TypeScript loader in the process (about 50 MB less memory, a faster start). Packages in
// node_modules stay external. Runs before every `npm start`; takes about a second.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const root = join(import.meta.dirname, '..')
// chunks are named by their content's hash: clear the last build's so dist/ holds only what main.js loads
rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true })
await build({
  entryPoints: { main: join(root, 'src/main.ts'), 'migrate-child': join(root, 'src/db/migrate/child.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  // code behind a dynamic import (spreadsheets, pictures, a platform's SDK) lands in a chunk of its own, loaded at its
  // first use, so a server never holds the libraries of features it does not use
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
})
console.log('built dist/main.js and dist/migrate-child.js')
