/**
 * The site's one view of the artifact, read once per build. Pages import `site` (and the CSV endpoint
 * `aggregates`) from here; the file is read when this module is first imported, not when aggregates.ts is,
 * so tests can use `readAggregates` on a fixture without a build's artifact.
 */
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import { aggregatesPath, readAggregates } from './aggregates.ts';
import { createSite } from './site.ts';

export const aggregates: Aggregates = readAggregates(aggregatesPath());

export const site = createSite(aggregates);
