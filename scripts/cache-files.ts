/**
 * The files the data step keeps in its cache folder: the artifact, and the key that vouches for it
 * (`pipeline.ts` writes both; `npm run build` and `dev` hand the artifact to the site). Its own module so that
 * they need not load the data step to find it.
 */
import path from 'node:path';

export const artifactPathIn = (cacheDir: string): string => path.join(cacheDir, 'aggregates.json');
export const keyPathIn = (cacheDir: string): string => path.join(cacheDir, 'aggregates.key');
