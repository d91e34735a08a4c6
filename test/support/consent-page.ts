import type { FakeReply, RecordedRequest } from './app-harness';

// The consent screen a fake authorization server shows in the browser tests: who asks, for
// which scopes, and "Allow" / "Deny" buttons whose form posts back to the fake, which then sends
// the browser to the redirect URI with a code and the state, or error=access_denied and the
// state (RFC 6749 §4.1.2, §4.1.2.1). A plain page with a
// language, a title, a heading and a labelled button, so axe finds nothing on it either.

export function consentPage(opts: {
  provider: string;
  client: string;
  scopes: string[];
  /** The fake's own URL the Allow form posts to. */
  approveUrl: string;
  /** Carried through the form (redirect URI, state, scope…). */
  hidden: Record<string, string>;
}): FakeReply {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const inputs = Object.entries(opts.hidden)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('');
  const scopes = opts.scopes.map((s) => `<li>${esc(s)}</li>`).join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(opts.provider)}: sign in</title></head>
<body><main><h1>${esc(opts.client)} wants to access your ${esc(opts.provider)} account</h1>
<p>It asks for:</p><ul>${scopes}</ul>
<form method="post" action="${esc(opts.approveUrl)}">${inputs}<button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="deny">Deny</button></form>
</main></body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, raw: Buffer.from(html) };
}

/** An HTML error page, as providers show for a bad authorization request (never a redirect). */
export function consentError(message: string): FakeReply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><main><h1>Error 400: invalid_request</h1><p>${message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p></main></body></html>`;
  return { status: 400, headers: { 'content-type': 'text/html; charset=utf-8' }, raw: Buffer.from(html) };
}

/** The fields of the Allow form's post. */
export function formOf(req: RecordedRequest): Record<string, string> {
  return Object.fromEntries([...(req.form?.entries() ?? [])].map(([k, v]) => [k, String(v)]));
}

/** 302 to the redirect URI with these parameters added. */
export function redirectBack(redirectUri: string, params: Record<string, string>): FakeReply {
  const to = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
  return {
    status: 302,
    headers: { location: to.toString(), 'content-type': 'text/plain' },
    raw: Buffer.from(''),
  };
}

/** The fake's answer to the consent form: back to the redirect URI with a code, or refused. */
export function answerConsent(
  req: RecordedRequest,
  issueCode: (form: Record<string, string>) => string,
): FakeReply {
  const f = formOf(req);
  if (f.decision === 'deny') return redirectBack(f.redirect_uri, { error: 'access_denied', state: f.state });
  return redirectBack(f.redirect_uri, { code: issueCode(f), state: f.state });
}
