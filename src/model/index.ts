export { ChatError, ERROR_CODES, isChatError, isErrorCode, type ErrorCode } from './errors.js';
export * from './types.js';
export * from './policy.js';
