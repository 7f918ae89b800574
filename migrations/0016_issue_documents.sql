-- The document of each issue as GET /api/issues/{key} returns it, kept current by the
-- transactions that change what it shows. Building one took the database ≈ 200 µs (three
-- subqueries, four joins, JSON assembly); reading it back is one primary-key lookup.
CREATE TABLE issue_documents (
    issue_key  text PRIMARY KEY,
    body       text NOT NULL
);

-- The open anomalies of one issue, as each document lists them. The index on (kind) WHERE open
-- made the planner pick a bitmap scan over every open anomaly.
CREATE INDEX anomalies_open_issue_key ON anomalies (issue_key) WHERE resolved_at IS NULL;

-- The documents of the issues whose keys are given, built from the tables. What shows in a
-- document: the issue's row (all but `raw`, `last_run_id`, `linked_key`), its type's name, its
-- assignee's team member, its parent's key, summary, status and type name, its children's keys,
-- its open anomalies.
-- PL/pgSQL with one generic plan: as an inlined SQL function its body was parsed and planned
-- again at every commit (1.6 ms of the 1.9 ms a one-row update cost the database).
CREATE FUNCTION issue_documents_built(keys text[]) RETURNS TABLE (issue_key text, body text)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT i.issue_key, json_build_object(
        'issue_key', i.issue_key,
        'source', i.source,
        'summary', i.summary,
        'status', i.status,
        'status_category', i.status_category,
        'issue_type', json_build_object('id', i.issue_type_id, 'name', t.name),
        'upstream_issue_type', i.issue_type_name,
        'parent_key', i.parent_key,
        'epic_key', i.epic_key,
        'assignee', i.assignee,
        'assignee_member', CASE WHEN m.member_id IS NULL THEN NULL
            ELSE json_build_object('id', m.member_id, 'name', m.name, 'jira_id', m.jira_id,
                                   'github_id', m.github_id) END,
        'labels', i.labels,
        'fix_versions', i.fix_versions,
        'url', i.url,
        'created_at', to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'updated_at', to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'resolved_at', to_char(i.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'harvested_at', to_char(i.harvested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'changed_by', i.changed_by,
        'changed_at', to_char(i.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'parent', (SELECT json_build_object('issue_key', p.issue_key, 'summary', p.summary,
                                            'status', p.status, 'issue_type', pt.name)
                   FROM issues p LEFT JOIN issue_types pt ON pt.id = p.issue_type_id
                   WHERE p.issue_key = i.parent_key),
        'children', coalesce((SELECT json_agg(c.issue_key ORDER BY c.issue_key)
                              FROM issues c WHERE c.parent_key = i.issue_key), '[]'::json),
        'anomalies', coalesce((SELECT json_agg(json_build_object(
                                      'kind', a.kind,
                                      'first_seen', to_char(a.first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                      'last_seen', to_char(a.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                      'occurrences', a.occurrences,
                                      'details', a.details) ORDER BY a.kind)
                               FROM anomalies a
                               WHERE a.issue_key = i.issue_key AND a.resolved_at IS NULL), '[]'::json)
    )::text
    FROM issues i
    LEFT JOIN issue_types t ON t.id = i.issue_type_id
    LEFT JOIN team_members m ON m.member_id = i.assignee_member_id
    WHERE i.issue_key = ANY (keys);
END
$$;

-- What a transaction changed, noted statement by statement and turned into documents when it
-- commits. Rows live only inside their transaction (inserted, then deleted at its commit), so
-- no other session ever sees one; UNLOGGED, as nothing of it outlives a crash.
CREATE UNLOGGED TABLE issue_document_changes (
    tx           xid8 NOT NULL DEFAULT pg_current_xact_id(),
    issue_keys   text[] NOT NULL DEFAULT '{}',     -- these issues' documents
    parent_keys  text[] NOT NULL DEFAULT '{}',     -- the documents of these issues' children
    member_ids   text[] NOT NULL DEFAULT '{}',     -- … of the issues assigned to these members
    type_ids     integer[] NOT NULL DEFAULT '{}'   -- … of the issues of these types, and their children
);
-- Each commit reads its own rows through this index, not past every row deleted since the
-- last vacuum (a busy webhook minute leaves thousands).
CREATE INDEX issue_document_changes_tx ON issue_document_changes (tx);

-- Why at commit and under one lock: a document shows rows that other transactions may be
-- changing at the same time (a child's document shows its parent's summary). Built in the
-- statement, it would show what that statement's snapshot saw, and a transaction committing
-- later with a change to the parent would not know of a child added meanwhile. Taking the lock
-- at commit, after every row lock the transaction will take, waits for the transactions building
-- before it; the statements that follow see what they committed, and each transaction expands
-- its changes (children, members, types) into keys only then. Nothing else waits on this lock.
CREATE FUNCTION issue_documents_refresh() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    keys text[];
    parents text[];
    members text[];
    types integer[];
    typed text[];
    noted boolean;
BEGIN
    PERFORM pg_advisory_xact_lock(1465057282);  -- 0x57530002: "WS", the issue documents
    WITH changed AS (DELETE FROM issue_document_changes WHERE tx = pg_current_xact_id() RETURNING *)
    SELECT ARRAY(SELECT unnest(issue_keys) FROM changed), ARRAY(SELECT unnest(parent_keys) FROM changed),
           ARRAY(SELECT unnest(member_ids) FROM changed), ARRAY(SELECT unnest(type_ids) FROM changed),
           EXISTS (SELECT FROM changed)
    INTO keys, parents, members, types, noted;
    IF NOT noted THEN
        RETURN NULL;  -- a later row of the same commit: the first one did the work
    END IF;
    -- Each expansion only when asked for: with an empty list the planner still scans the table.
    IF cardinality(parents) > 0 THEN
        keys := keys || ARRAY(SELECT issue_key FROM issues WHERE parent_key = ANY (parents));
    END IF;
    IF cardinality(members) > 0 THEN
        keys := keys || ARRAY(SELECT issue_key FROM issues WHERE assignee_member_id = ANY (members));
    END IF;
    IF cardinality(types) > 0 THEN
        typed := ARRAY(SELECT issue_key FROM issues WHERE issue_type_id = ANY (types));
        keys := keys || typed || ARRAY(SELECT issue_key FROM issues WHERE parent_key = ANY (typed));
    END IF;
    DELETE FROM issue_documents d
    WHERE d.issue_key = ANY (keys)
      AND NOT EXISTS (SELECT FROM issues i WHERE i.issue_key = d.issue_key);
    INSERT INTO issue_documents AS d (issue_key, body)
    SELECT b.issue_key, b.body FROM issue_documents_built(keys) b
    ON CONFLICT (issue_key) DO UPDATE SET body = EXCLUDED.body
        WHERE d.body IS DISTINCT FROM EXCLUDED.body;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER issue_document_changes_at_commit AFTER INSERT ON issue_document_changes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION issue_documents_refresh();

-- issues: the row's own document; its old and new parents' (children lists); its children's
-- when what they show of it changed or it came or went.
CREATE FUNCTION issue_documents_note_issues() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO issue_document_changes (issue_keys, parent_keys)
        SELECT array_agg(n.issue_key) || array_agg(n.parent_key) FILTER (WHERE n.parent_key IS NOT NULL),
               array_agg(n.issue_key)
        FROM new_rows n HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO issue_document_changes (issue_keys, parent_keys)
        SELECT array_agg(o.issue_key) || array_agg(o.parent_key) FILTER (WHERE o.parent_key IS NOT NULL),
               array_agg(o.issue_key)
        FROM old_rows o HAVING count(*) > 0;
    ELSE
        INSERT INTO issue_document_changes (issue_keys, parent_keys)
        SELECT array_agg(coalesce(n.issue_key, o.issue_key))
                   || array_agg(o.parent_key) FILTER (WHERE o.parent_key IS DISTINCT FROM n.parent_key)
                   || array_agg(n.parent_key) FILTER (WHERE o.parent_key IS DISTINCT FROM n.parent_key),
               coalesce(array_agg(coalesce(n.issue_key, o.issue_key)) FILTER (
                   WHERE o.issue_key IS NULL OR n.issue_key IS NULL
                      OR (o.summary, o.status, o.issue_type_id) IS DISTINCT FROM (n.summary, n.status, n.issue_type_id)),
                   '{}')
        FROM old_rows o FULL JOIN new_rows n ON n.issue_key = o.issue_key
        WHERE o.issue_key IS NULL OR n.issue_key IS NULL
           OR (o.source, o.summary, o.status, o.status_category, o.issue_type_id, o.issue_type_name,
               o.parent_key, o.epic_key, o.assignee, o.assignee_member_id, o.labels, o.fix_versions,
               o.url, o.created_at, o.updated_at, o.resolved_at, o.harvested_at, o.changed_by, o.changed_at)
              IS DISTINCT FROM
              (n.source, n.summary, n.status, n.status_category, n.issue_type_id, n.issue_type_name,
               n.parent_key, n.epic_key, n.assignee, n.assignee_member_id, n.labels, n.fix_versions,
               n.url, n.created_at, n.updated_at, n.resolved_at, n.harvested_at, n.changed_by, n.changed_at)
        HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

-- anomalies: the documents of the issues they are about.
CREATE FUNCTION issue_documents_note_anomalies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO issue_document_changes (issue_keys)
        SELECT array_agg(n.issue_key) FROM new_rows n WHERE n.resolved_at IS NULL HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO issue_document_changes (issue_keys)
        SELECT array_agg(o.issue_key) FROM old_rows o WHERE o.resolved_at IS NULL HAVING count(*) > 0;
    ELSE
        INSERT INTO issue_document_changes (issue_keys)
        SELECT array_agg(coalesce(n.issue_key, o.issue_key)) || array_agg(o.issue_key)
        FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
        WHERE (o.kind, o.issue_key, o.first_seen, o.last_seen, o.resolved_at, o.occurrences, o.details)
              IS DISTINCT FROM
              (n.kind, n.issue_key, n.first_seen, n.last_seen, n.resolved_at, n.occurrences, n.details)
        HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

-- team_members: the documents of the issues assigned to them (a new member has none yet).
CREATE FUNCTION issue_documents_note_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO issue_document_changes (member_ids)
        SELECT array_agg(o.member_id) FROM old_rows o HAVING count(*) > 0;
    ELSE
        INSERT INTO issue_document_changes (member_ids)
        SELECT array_agg(o.member_id) || array_agg(n.member_id)
        FROM old_rows o FULL JOIN new_rows n ON n.member_id = o.member_id
        WHERE (o.member_id, o.name, o.jira_id, o.github_id) IS DISTINCT FROM (n.member_id, n.name, n.jira_id, n.github_id)
        HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

-- issue_types: the documents of the issues of those types, and of their children.
CREATE FUNCTION issue_documents_note_types() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO issue_document_changes (type_ids)
        SELECT array_agg(n.id) FROM new_rows n HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO issue_document_changes (type_ids)
        SELECT array_agg(o.id) FROM old_rows o HAVING count(*) > 0;
    ELSE
        INSERT INTO issue_document_changes (type_ids)
        SELECT array_agg(o.id) || array_agg(n.id)
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.name IS DISTINCT FROM n.name
        HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

-- A TRUNCATE has no transition rows: every document may have changed (or gone, with its issue).
CREATE FUNCTION issue_documents_note_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO issue_document_changes (issue_keys)
    SELECT array_agg(issue_key) FROM issue_documents HAVING count(*) > 0;
    RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger.
CREATE TRIGGER issues_documents_insert AFTER INSERT ON issues REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_issues();
CREATE TRIGGER issues_documents_update AFTER UPDATE ON issues
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_issues();
CREATE TRIGGER issues_documents_delete AFTER DELETE ON issues REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_issues();
CREATE TRIGGER issues_documents_truncate AFTER TRUNCATE ON issues
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_truncate();

CREATE TRIGGER anomalies_documents_insert AFTER INSERT ON anomalies REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_anomalies();
CREATE TRIGGER anomalies_documents_update AFTER UPDATE ON anomalies
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_anomalies();
CREATE TRIGGER anomalies_documents_delete AFTER DELETE ON anomalies REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_anomalies();
CREATE TRIGGER anomalies_documents_truncate AFTER TRUNCATE ON anomalies
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_truncate();

CREATE TRIGGER team_members_documents_update AFTER UPDATE ON team_members
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_members();
CREATE TRIGGER team_members_documents_delete AFTER DELETE ON team_members REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_members();

CREATE TRIGGER issue_types_documents_insert AFTER INSERT ON issue_types REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_types();
CREATE TRIGGER issue_types_documents_update AFTER UPDATE ON issue_types
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_types();
CREATE TRIGGER issue_types_documents_delete AFTER DELETE ON issue_types REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_types();
CREATE TRIGGER issue_types_documents_truncate AFTER TRUNCATE ON issue_types
    FOR EACH STATEMENT EXECUTE FUNCTION issue_documents_note_truncate();

INSERT INTO issue_documents (issue_key, body)
SELECT b.issue_key, b.body FROM issue_documents_built(ARRAY(SELECT issue_key FROM issues)) b;
