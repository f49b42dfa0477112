/** The site's one view of the artifact, built once per build. Pages import `site` from here. */
import { aggregates } from './aggregates.ts';
import { createSite } from './site.ts';

export const site = createSite(aggregates);
