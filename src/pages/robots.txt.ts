/** The shared link is not for search engines: every page also carries `noindex`. */
export function GET(): Response {
  return new Response('User-agent: *\nDisallow: /\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
