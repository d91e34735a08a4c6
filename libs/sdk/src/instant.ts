import type { HttpClient } from './http';

// How an app's instant trigger meets the requests the service sends to our webhook address
// (/hooks/<token>): it may check each one (a signature, a secret header), answer a handshake
// itself (Slack's url_verification), and register or remove the address at the service when
// the scenario is switched on or off (Telegram's setWebhook). The server calls these; the
// engine never does.

export interface IncomingHookRequest {
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The body's bytes as received: signatures are computed over these, never over re-encoded JSON. */
  rawBody: Buffer;
  /** The body as the server parsed it (JSON, form fields, text). */
  body: unknown;
}

export interface InstantHookContext {
  /** The trigger's connection (decrypted), when it has one. */
  credentials?: Record<string, unknown>;
  /** This hook's own random secret, set when the hook was registered at the service. */
  secret?: string;
  /** Milliseconds since the epoch (the server's clock), for replay windows. */
  now: number;
}

export type HookVerdict =
  /** Authentic: stored and run as usual. */
  | { ok: true }
  /** Not authentic: answered 401 with the reason, nothing stored. */
  | { ok: false; reason: string }
  /** A handshake: answered with this, nothing stored or run. */
  | { reply: { status: number; headers?: Record<string, string>; body: unknown } };

export interface InstantHookDefinition {
  verify?(request: IncomingHookRequest, context: InstantHookContext): HookVerdict | Promise<HookVerdict>;
  /** Points the service at our hook's public URL (scenario switched on); `secret` is the hook's. */
  register?(context: {
    http: HttpClient;
    url: string;
    secret: string;
    credentials: Record<string, unknown>;
  }): Promise<void>;
  /** Removes the registration again (scenario switched off). */
  unregister?(context: { http: HttpClient; credentials: Record<string, unknown> }): Promise<void>;
}
