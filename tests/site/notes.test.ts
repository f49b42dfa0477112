/** Retrospective notes are the team's own Markdown: raw HTML in them is shown as text, never run. */
import { describe, expect, it } from 'vitest';
import { isSafeUrl, renderNote as render } from '../../src/lib/notes.ts';

async function renderNote(markdown: string): Promise<string> {
  return render(markdown).html;
}

describe('isSafeUrl', () => {
  it('allows relative, fragment, http(s) and mailto URLs', () => {
    for (const url of [
      '/retro/2025-06/',
      '../x',
      '#notes',
      'https://example.com',
      'http://intranet/a',
      'mailto:ta@example.com',
    ]) {
      expect(isSafeUrl(url), url).toBe(true);
    }
  });

  it('refuses script and data URLs, however they are disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\nscript:alert(1)',
      'java\tscript:x',
      'data:text/html,<script>',
      'vbscript:x',
    ]) {
      expect(isSafeUrl(url), JSON.stringify(url)).toBe(false);
    }
  });
});

describe('notes rendering', () => {
  it('shows a <script> block as text', async () => {
    const html = await renderNote('Before\n\n<script>alert("note")</script>\n\nAfter');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(');
  });

  it('shows inline HTML and event handlers as text', async () => {
    const html = await renderNote('An <img src=x onerror=alert(1)> and <b>bold</b> word.');
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps ordinary Markdown: emphasis, lists, safe links, code', async () => {
    const html = await renderNote('**Bold**, a [link](https://example.com/a), `<code>`.\n\n- one\n- two');
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<a href="https://example.com/a">link</a>');
    expect(html).toContain('<code>&lt;code&gt;</code>');
    expect(html).toContain('<li>one</li>');
  });

  it('turns a javascript: link or image into plain text', async () => {
    const html = await renderNote(
      '[click](javascript:alert(1)) and ![pic](javascript:alert(2)) and [ref][r]\n\n[r]: javascript:alert(3)',
    );
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('click');
  });

  it('shows task items as Open:/Done: words, leaves front matter out, and links only bare addresses that stand apart', async () => {
    const html = await renderNote(
      '---\ntitle: March\n---\n## Actions\n\n- [ ] Chase scorecards\n- [x] Fix the reasons\n\nsee https://a.example and src=https://b.example',
    );
    expect(html).not.toMatch(/title|<input|<hr/);
    expect(html).toContain('<li><strong>Open:</strong> Chase scorecards</li>');
    expect(html).toContain('<li><strong>Done:</strong> Fix the reasons</li>');
    expect(html).toContain('see <a href="https://a.example">https://a.example</a> and src=https://b.example');
  });

  it('moves headings two levels down, under the page headings', async () => {
    const html = await renderNote('# Discussed\n\n## Follow-ups');
    expect(html).toMatch(/<h3[^>]*>Discussed<\/h3>/);
    expect(html).toMatch(/<h4[^>]*>Follow-ups<\/h4>/);
  });
});
