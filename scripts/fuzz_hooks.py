"""schemathesis hooks for `make fuzz` (scripts/schemathesis.toml loads this file).

Signs every webhook delivery with the secret scripts/fuzz configured, so the ingest endpoints
are fuzzed past their signature check: without it they would only ever answer 401. The
signature is computed on the exact bytes sent (a requests auth hook sees the prepared body).
"""
import hashlib
import hmac
import os

import requests
import schemathesis

SIGNED = {
    "/api/ingest/github": ("X-Hub-Signature-256", "FUZZ_GITHUB_WEBHOOK_SECRET"),
    "/api/ingest/jira": ("X-Hub-Signature", "FUZZ_JIRA_WEBHOOK_SECRET"),
}


class WebhookSignature(requests.auth.AuthBase):
    def __init__(self, header: str, secret: str) -> None:
        self.header = header
        self.secret = secret.encode()

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        digest = hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        request.headers[self.header] = "sha256=" + digest
        return request


@schemathesis.hook
def before_call(context, case, kwargs):
    # The `kwargs` form (not `**kwargs`) hands over the transport's own dict, so `auth` reaches it.
    signed = SIGNED.get(case.operation.path)
    if signed is None or not os.environ.get(signed[1]):
        return
    # A case that leaves the signature header out tests exactly that (expects 401): keep it so.
    if not any(name.lower() == signed[0].lower() for name in (case.headers or {})):
        return
    kwargs["auth"] = WebhookSignature(signed[0], os.environ[signed[1]])
