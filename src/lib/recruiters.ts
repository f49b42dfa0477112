/**
 * The recruiters' side of the partnership: one page per recruiter, the mirror of the hiring-manager page.
 * Selection and naming only: every figure comes from the artifact (`timeToFill.byPerson`, `owners`).
 */
import { href } from './href.ts';
import type { Site } from './site.ts';
import { slugger } from './slug.ts';

/** How the data step names a seat without a recruiter (scripts/metrics/context.ts `NONE`). */
const NONE_LABEL = '(none)';

/** Every recruiter named on a seat, alphabetical. */
export function recruiterNames(site: Site): string[] {
  const names = new Set<string>();
  for (const p of site.a.owners.partnerships) names.add(p.recruiter);
  for (const r of site.a.timeToFill.byPerson) if (r.role === 'recruiter') names.add(r.person);
  names.delete(NONE_LABEL);
  return [...names].sort((a, b) => a.localeCompare(b));
}

export function recruiterLinks(site: Site): { slug: (name: string) => string; href: (name: string) => string } {
  const slug = slugger(recruiterNames(site));
  return { slug, href: (name) => href(`/recruiters/${slug(name)}/`) };
}
