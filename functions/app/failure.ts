/**
 * A use case's failure: one of the API's error codes (contract/api.ts), the bilingual message and details.
 * The handlers turn the code into an HTTP status (contract's ERROR_STATUS, in functions/handlers/http.ts).
 */
import type { ErrorCode, Message } from '../../contract';

export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Message,
    readonly details?: unknown,
  ) {
    super(text.en);
    this.name = 'AppFailure';
  }
}
