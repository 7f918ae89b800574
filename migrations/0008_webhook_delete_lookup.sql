-- Every applied webhook upsert asks whether a delete of the same issue came first. Through the
-- plain issue_key index that read every earlier delivery of the issue (a busy issue made each
-- delivery slower); this partial index holds only the applied deletes, matching that query.
CREATE INDEX webhook_deliveries_applied_deletes ON webhook_deliveries (source, issue_key)
    WHERE status = 'applied'
      AND ((event = 'issues' AND action IN ('deleted', 'transferred')) OR event = 'jira:issue_deleted');
