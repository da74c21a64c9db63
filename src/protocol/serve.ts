import { ChatError, isChatError } from '../model/errors.js';
import type { ChatEngine } from '../engine/engine.js';
import { decodeRequest, encodeReply } from './frames.js';

/**
 * The server half of the protocol, shared by every transport: one request frame in, one reply
 * frame out. Whatever the frame holds, the answer is a reply (never a throw), so a hostile or
 * broken client cannot take the host down.
 */
export async function serveRequest(engine: ChatEngine, userId: string, frame: unknown): Promise<string> {
  let requestId = '';
  try {
    const request = decodeRequest(frame);
    requestId = request.id;
    return encodeReply(requestId, { result: await engine.execute(userId, request.cmd) });
  } catch (error) {
    return encodeReply(requestId, { error: isChatError(error) ? error : new ChatError('unavailable', 'The request failed on the server.') });
  }
}
