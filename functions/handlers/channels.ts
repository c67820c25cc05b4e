/**
 * GET /v1/channels (settings with secrets masked, and the last push runs) and PUT /v1/channels — administrators
 * only. The log line names the caller and counts, never a URL or secret.
 */
import { channelSettingsSchema } from '../../contract/channels';
import { assertAdmin, readChannels, writeChannels } from '../app/channels';
import { resolveCaller } from './caller';
import { envDeps, type Deps } from './deps';
import { bodyText, json, lambda, parseJson, validate } from './http';

const MAX_CHANNEL_BYTES = 256_000;

export const createHandler = (getDeps: () => Deps) =>
  lambda('channels', getDeps, async (event, deps, log) => {
    const caller = await resolveCaller(event, deps);
    log.caller = caller.subject;
    if (event.requestContext.http.method !== 'PUT') {
      const res = await readChannels(deps, caller);
      log.channels = res.settings.channels.length;
      return json(200, res);
    }
    // Checked before the body is read: a non-admin's body is never parsed.
    assertAdmin(caller);
    const input = validate(channelSettingsSchema, parseJson(bodyText(event, MAX_CHANNEL_BYTES)));
    const res = await writeChannels(deps, caller, input);
    log.channels = res.settings.channels.length;
    return json(200, res);
  });

export const handler = createHandler(envDeps);
