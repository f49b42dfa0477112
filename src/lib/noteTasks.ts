/**
 * Task items in the team's notes (`- [ ] …`, `- [x] …`, as the `## Actions` of a note are written) are shown as
 * "Open:" / "Done:" in words, not as checkboxes: a checkbox the reader cannot tick is a form control without a
 * label, which screen readers announce as an unnamed, disabled input. A markdown-it rule, run after the note is read.
 */
import type { StateCore, Token } from 'markdown-it';

const TASK = /^\[([ xX])\][ \t]+(?=\S)/;

export function noteTasks(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i]!;
    // A list item's first paragraph, starting with `[ ]` or `[x]` and something after it.
    if (inline.type !== 'inline' || tokens[i - 1]!.type !== 'paragraph_open') continue;
    if (tokens[i - 2]!.type !== 'list_item_open') continue;
    const marker = TASK.exec(inline.content);
    const first = inline.children?.[0];
    if (!marker || first?.type !== 'text' || !first.content.startsWith(marker[0])) continue;
    first.content = first.content.slice(marker[0].length);
    const open = new state.Token('strong_open', 'strong', 1);
    const text = new state.Token('text', '', 0);
    text.content = marker[1] === ' ' ? 'Open:' : 'Done:';
    const close = new state.Token('strong_close', 'strong', -1);
    const space = new state.Token('text', '', 0);
    space.content = ' ';
    const added: Token[] = [open, text, close, space];
    inline.children!.unshift(...added);
  }
}
