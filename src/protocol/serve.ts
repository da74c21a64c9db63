import { ChatError, isChatError } from '../model/errors.js';
import { decodeRequest, encodeReply } from './frames.js';

/** What answers a command: the engine (`ChatEngine` is one), or anything standing in for it. */
export interface CommandHandler {
  execute(userId: string, command: unknown): Promise<unknown>;
}

/**
 * The server half of the protocol, shared by every transport: one request frame in, one reply
 * frame out. Whatever the frame holds, the answer is a reply (never a throw), so a hostile or
 * broken client cannot take the host down.
 */
export async function serveRequest(engine: CommandHandler, userId: string, frame: unknown): Promise<string> {
  let requestId = '';
  try {
    const request = decodeRequest(frame);
    requestId = request.id;
    return encodeReply(requestId, { result: await engine.execute(userId, request.cmd) });
  } catch (error) {
    return encodeReply(requestId, { error: isChatError(error) ? error : new ChatError('unavailable', 'The request failed on the server.') });
  }
}
