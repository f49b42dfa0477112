import { describe, expect, it } from 'vitest';
import { actionsMarkdown, parseActions } from '../../scripts/actions.ts';

describe("a note's ## Actions", () => {
  it('reads the task items of the Actions section only, done or open', () => {
    const note = [
      '# Retrospective, September 2026',
      '- [ ] a task item before the section is not an action',
      '## Actions',
      '',
      '- [x] Offers approved within 48 h ZQXACT1',
      '* [ ] Recruiters chase the missing scorecards ZQXACT2',
      '  + [X] indented, other bullet ZQXACT3',
      '- a plain item is not a task',
      '```',
      '- [ ] inside a code block ZQXNOT',
      '```',
      '### A sub-heading stays in the section',
      '- [ ] ZQXACT4',
      '## Next',
      '- [ ] after the section ZQXNOT',
    ].join('\r\n');
    expect(parseActions(note)).toEqual([
      { done: true, text: 'Offers approved within 48 h ZQXACT1' },
      { done: false, text: 'Recruiters chase the missing scorecards ZQXACT2' },
      { done: true, text: 'indented, other bullet ZQXACT3' },
      { done: false, text: 'ZQXACT4' },
    ]);
  });

  it('finds none without the section, and writes a section it reads back', () => {
    expect(parseActions('# Notes\n- [ ] not in an Actions section\n')).toEqual([]);
    const actions = [
      { done: false, text: 'Chase ZQXACT5' },
      { done: true, text: 'Done ZQXACT6' },
    ];
    expect(parseActions(actionsMarkdown(actions))).toEqual(actions);
  });
});
