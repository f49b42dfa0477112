// @ts-check
import { defineConfig } from 'astro/config';

/**
 * The site half of the dashboard. `scripts/build.ts` drives Astro programmatically and passes `base` and
 * `outDir` itself; the environment variables below make `astro dev` / `astro preview` agree with it.
 */
const base = process.env.BASE_PATH || '/';

export default defineConfig({
  base,
  outDir: process.env.OUT_DIR || './dist',
  // Directory URLs with a trailing slash: `/retro/2026-09/` works on any static host.
  trailingSlash: 'always',
  build: { format: 'directory' },
  output: 'static',
  // The pages are read where they are served; no prefetch or client router (no client JavaScript at all).
  prefetch: false,
  devToolbar: { enabled: false },
});
