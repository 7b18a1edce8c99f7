/**
 * The version of the Report's shape (see model.ts). Bump it on any breaking
 * change. Its own module so code that only counts (the aggregator, in worker
 * threads too) does not load the schema library.
 */
export const SCHEMA_VERSION = '2.0';
