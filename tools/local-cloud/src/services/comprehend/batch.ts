/**
 * Comprehend's Batch* calls: at most 25 documents, each answered or failed on
 * its own (`ResultList` / `ErrorList` by index), as AWS does. The language
 * code is shared by every document, so the caller checks it first: a bad one
 * fails the whole call.
 */
import { BatchSizeLimitExceededException, isEngineError, ValidationException } from '../../engines/errors';

export const MAX_BATCH_DOCUMENTS = 25;

export async function batch<R extends object>(
  texts: readonly string[] | undefined,
  analyse: (text: string) => Promise<R>,
): Promise<{ ResultList: Array<R & { Index: number }>; ErrorList: Array<{ Index: number; ErrorCode: string; ErrorMessage: string }> }> {
  if (!Array.isArray(texts) || texts.length === 0) {
    throw new ValidationException("1 validation error detected: Value at 'textList' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  if (texts.length > MAX_BATCH_DOCUMENTS) {
    throw new BatchSizeLimitExceededException(`The number of documents in the request exceeds the limit of ${MAX_BATCH_DOCUMENTS}. Try your request again with fewer documents.`);
  }
  const ResultList: Array<R & { Index: number }> = [];
  const ErrorList: Array<{ Index: number; ErrorCode: string; ErrorMessage: string }> = [];
  for (const [Index, text] of texts.entries()) {
    try {
      ResultList.push({ Index, ...(await analyse(text)) });
    } catch (error) {
      if (!isEngineError(error)) throw error;
      ErrorList.push({ Index, ErrorCode: error.name, ErrorMessage: error.message });
    }
  }
  return { ResultList, ErrorList };
}
