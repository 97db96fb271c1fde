import type { Migration } from 'kysely';
import * as initialSchema from './202611210900_initial_schema';
import * as progressResolution from './202611211000_progress_resolution';
import * as auditFilters from './202611211100_audit_filters';
import * as apiRateLimit from './202611211200_api_rate_limit';
import * as teamTimeZone from './202612011000_team_time_zone';
import * as progressSearch from './202612011100_progress_search';
import * as openItemsIndex from './202612011200_open_items_index';
import * as notifications from './202612021000_notifications';
import * as objectives from './202612021100_objectives';
import * as restorable from './202612021200_restorable';
import * as ssoFlows from './202612021300_sso_flows';
import * as readIndexes from './202612021400_read_indexes';

// Listed here rather than read from the folder, so the same list runs under tsx, vitest and a bundle.
export const migrations: Record<string, Migration> = {
  '202611210900_initial_schema': initialSchema,
  '202611211000_progress_resolution': progressResolution,
  '202611211100_audit_filters': auditFilters,
  '202611211200_api_rate_limit': apiRateLimit,
  '202612011000_team_time_zone': teamTimeZone,
  '202612011100_progress_search': progressSearch,
  '202612011200_open_items_index': openItemsIndex,
  '202612021000_notifications': notifications,
  '202612021100_objectives': objectives,
  '202612021200_restorable': restorable,
  '202612021300_sso_flows': ssoFlows,
  '202612021400_read_indexes': readIndexes,
};
