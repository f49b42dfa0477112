/**
 * Task items in the team's notes (`- [ ] …`, `- [x] …`, as the `## Actions` of a note are written) are shown as
 * "Open:" / "Done:" in words, not as checkboxes: a checkbox the reader cannot tick is a form control without a
 * label, which screen readers announce as an unnamed, disabled input.
 */
import type { satteri } from '@astrojs/markdown-satteri';

type PluginList = NonNullable<NonNullable<Parameters<typeof satteri>[0]>['mdastPlugins']>;
type Plugin = Extract<PluginList[number], { name: string }>;

export const noteTasks = {
  name: 'dashboard-note-tasks',
  listItem(node, ctx) {
    if (typeof node.checked !== 'boolean') return;
    const state = {
      type: 'strong' as const,
      children: [{ type: 'text' as const, value: node.checked ? 'Done:' : 'Open:' }],
    };
    ctx.setProperty(node, 'checked', null);
    const first = node.children[0];
    if (first?.type === 'paragraph') ctx.prependChild(first, [state, { type: 'text', value: ' ' }]);
    else ctx.prependChild(node, { type: 'paragraph', children: [state] });
  },
} satisfies Plugin;
