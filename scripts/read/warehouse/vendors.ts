/** The vendors whose warehouse tables are recognised, in the order a tie between them is broken. */
import { greenhouseWarehouse } from './greenhouse.ts';
import { leverWarehouse } from './lever.ts';
import type { Vendor } from './tables.ts';

export const VENDORS: readonly Vendor[] = [greenhouseWarehouse, leverWarehouse];
