-- Pull request reviews and review comments (DESIGN.md "Collaboration"): what the REVIEWED and
-- COMMENTED_ON interactions of GitHub are derived from. Read from `…/pulls/{n}/reviews` and
-- `…/pulls/{n}/comments`, never `requested_reviewers` (which forgets a reviewer once they submit).

CREATE TABLE pull_request_reviews (
    pr_key        text NOT NULL,                  -- owner/repo#N
    review_id     text NOT NULL,
    reviewer      text NOT NULL,                  -- GitHub login as sent
    state         text NOT NULL,                  -- APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
    submitted_at  timestamptz,                    -- NULL while PENDING
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pr_key, review_id)
);
CREATE INDEX pull_request_reviews_submitted_at ON pull_request_reviews (submitted_at);

CREATE TABLE pull_request_comments (
    pr_key        text NOT NULL,
    comment_id    text NOT NULL,
    author        text NOT NULL,                  -- GitHub login as sent
    review_id     text,                           -- the review it belongs to, when GitHub says
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pr_key, comment_id)
);

-- The graph endpoints read interactions by kind and time.
CREATE INDEX interactions_kind_occurred_at ON interactions (kind, occurred_at);
CREATE INDEX interactions_issue_key ON interactions (issue_key) WHERE issue_key IS NOT NULL;
