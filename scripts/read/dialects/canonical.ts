/**
 * The canonical template (README "The canonical template"): the column names the docs tell users to export
 * to. Its value synonyms are the common spellings any team might use.
 */
import { ENTITIES, TEMPLATE } from '../../schema/canonical.ts';
import type { Dialect, TableDialect } from './types.ts';

const table = (entity: (typeof ENTITIES)[number]): TableDialect => ({
  entity,
  columns: Object.fromEntries(TEMPLATE[entity].map((field) => [field.column, [field.column]])),
});

export const canonical: Dialect = {
  id: 'canonical',
  name: 'canonical template',
  tables: [
    { ...table('requisitions'), values: { requisition_status: { canceled: 'cancelled', paused: 'on_hold' } } },
    {
      ...table('applications'),
      values: {
        application_status: {
          'in process': 'active',
          'in progress': 'active',
          open: 'active',
          declined: 'rejected',
          disqualified: 'rejected',
          withdrew: 'withdrawn',
        },
        rejected_by: { us: 'company', employer: 'company', them: 'candidate', unknown: null },
      },
    },
    { ...table('interviews'), values: { recommendation: { neutral: 'no_decision', 'definitely not': 'strong_no' } } },
    {
      ...table('stage_events'),
      // Hand-made exports name the reason a candidate dropped out at a stage in several ways.
      columns: {
        ...table('stage_events').columns,
        reason: ['reason', 'drop_reason', 'rejection_reason', 'exit_reason'],
      },
    },
  ],
};
