/** Public surface of the hub import parsers: pure, streaming, no database and no Nest. */
export { apiKeyOf, isContextKey, isPublishedOnBus, nameKey } from './api.mapping';
export type { HubInput } from './byte-source';
export { detectFormat, FORMAT_LABELS, familyOf } from './detect';
export { addDeviceCounts, capDeviceCounts, OTHER_DEVICES, UNKNOWN_DEVICE } from './device-counts';
export { HubFileError, type HubFileErrorCode } from './hub-file.error';
export * from './hub.types';
export { LatencyRecorder, nearestRank, percentile } from './latency';
export { DEFAULT_LIMITS, type HubLimits } from './limits';
export type { UptimeOptions } from './parser-kit';
export {
  chooseFormat,
  parseHubFile,
  type ParseHubFileOptions,
  type ParseResult,
  type RecordLocation,
} from './parse-hub-file';
export {
  TEMPLATE_COLUMNS,
  TEMPLATE_FILE_NAMES,
  templateExample,
  templateHeader,
  type TemplateId,
} from './templates';
export type { Granularity } from './usage-aggregator';
export { timeOf, tenantOf } from './values';
