/**
 * The actions a team agreed in a retrospective: the `## Actions` section of `retros/YYYY-MM.md`, written as
 * Markdown task items (`- [ ] Recruiters chase the missing scorecards`, `- [x] …` when done). The next month's
 * page shows them as "Agreed last month", and `npm run retro` carries the open ones into the next note.
 *
 * A plain text reader, not a Markdown renderer: the section runs from a level-2 heading named "Actions" to the
 * next heading of level 1 or 2; items are the task items in it (`-`, `*` or `+`, any indent), other lines are
 * ignored. Fenced code blocks are skipped, so an example in a note is not taken for an action.
 */

export interface Action {
  text: string;
  done: boolean;
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const TASK = /^\s*[-*+]\s+\[([ xX])\]\s+(.*\S)\s*$/;
const FENCE = /^\s*(```|~~~)/;

/** The task items of the note's `## Actions` section, in order; none when it has no such section. */
export function parseActions(markdown: string): Action[] {
  const actions: Action[] = [];
  let inSection = false;
  let inFence = false;
  for (const line of markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      if (level === 2) inSection = /^actions$/i.test(heading[2]!.trim());
      else if (level === 1) inSection = false;
      continue;
    }
    if (!inSection) continue;
    const task = TASK.exec(line);
    if (task) actions.push({ done: task[1] !== ' ', text: task[2]! });
  }
  return actions;
}

/** The section as Markdown: `## Actions` and one task item per action. */
export function actionsMarkdown(actions: readonly Action[]): string {
  return ['## Actions', '', ...actions.map((a) => `- [${a.done ? 'x' : ' '}] ${a.text}`)].join('\n');
}
