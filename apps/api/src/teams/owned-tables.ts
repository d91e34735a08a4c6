/** Tables whose rows belong to a team, with how a person calls them (a team must be empty to go). */
export const OWNED_TABLES: Array<[string, string]> = [
  ['scenarios', 'scenarios'],
  ['connections', 'connections'],
  ['webhooks', 'webhooks'],
  ['data_stores', 'data stores'],
  ['custom_connectors', 'custom connectors'],
  ['objectives', 'objectives'],
  ['key_results', 'key results'],
  ['app_connectors', 'app connectors'],
];
