/* Baseline for `make bench`: a minimal libfcgi responder doing what the pool does for
 * GET /api/issues/{key}, no more and no less: hash the X-API-Key (SHA-256, hex), check it with
 * one prepared statement (APIKeyLookup.byHash, compared in constant time), read the issue with
 * one prepared statement (IssueQueries.issueDetail), answer 200 with the document (401 / 404
 * otherwise). N pre-forked processes share one unix socket, each with its own libpq
 * connection, and each request is closed at once (as the pool's workers do on a unix socket).
 *   fcgi-lookup SOCKET_PATH WORKERS DATABASE_URL
 * It shows what the database and nginx leave for the lookup on this machine: the ceiling a
 * FastCGI worker in any language can reach with the same statements. */
#include "fcgi-prefork.h"
#include <libpq-fe.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

/* The pool's statements, copied verbatim: APIKeyLookup.byHash and IssueQueries.issueDetail. */
static const char key_statement[] =
    "SELECT id, name, key_hash FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL";
static const char issue_statement[] =
    "SELECT json_build_object(\n"
    "    'issue_key', i.issue_key,\n"
    "    'source', i.source,\n"
    "    'summary', i.summary,\n"
    "    'status', i.status,\n"
    "    'status_category', i.status_category,\n"
    "    'issue_type', json_build_object('id', i.issue_type_id, 'name', t.name),\n"
    "    'upstream_issue_type', i.issue_type_name,\n"
    "    'parent_key', i.parent_key,\n"
    "    'epic_key', i.epic_key,\n"
    "    'assignee', i.assignee,\n"
    "    'assignee_member', CASE WHEN m.member_id IS NULL THEN NULL\n"
    "        ELSE json_build_object('id', m.member_id, 'name', m.name, 'jira_id', m.jira_id,\n"
    "                               'github_id', m.github_id) END,\n"
    "    'labels', i.labels,\n"
    "    'fix_versions', i.fix_versions,\n"
    "    'url', i.url,\n"
    "    'created_at', to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
    "    'updated_at', to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
    "    'resolved_at', to_char(i.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
    "    'harvested_at', to_char(i.harvested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
    "    'changed_by', i.changed_by,\n"
    "    'changed_at', to_char(i.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
    "    'parent', (SELECT json_build_object('issue_key', p.issue_key, 'summary', p.summary,\n"
    "                                        'status', p.status, 'issue_type', pt.name)\n"
    "               FROM issues p LEFT JOIN issue_types pt ON pt.id = p.issue_type_id\n"
    "               WHERE p.issue_key = i.parent_key),\n"
    "    'children', coalesce((SELECT json_agg(c.issue_key ORDER BY c.issue_key)\n"
    "                          FROM issues c WHERE c.parent_key = i.issue_key), '[]'::json),\n"
    "    'anomalies', coalesce((SELECT json_agg(json_build_object(\n"
    "                                  'kind', a.kind,\n"
    "                                  'first_seen', to_char(a.first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
    "                                  'last_seen', to_char(a.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"
    "                                  'occurrences', a.occurrences,\n"
    "                                  'details', a.details) ORDER BY a.kind)\n"
    "                           FROM anomalies a\n"
    "                           WHERE a.issue_key = i.issue_key AND a.resolved_at IS NULL), '[]'::json)\n"
    ")::text\n"
    "FROM issues i\n"
    "LEFT JOIN issue_types t ON t.id = i.issue_type_id\n"
    "LEFT JOIN team_members m ON m.member_id = i.assignee_member_id\n"
    "WHERE i.issue_key = $1::text\n";

static void answer(FCGX_Request *request, const char *status, const char *body, int length) {
    FCGX_FPrintF(request->out,
                 "Status: %s\r\nContent-Type: application/json; charset=utf-8\r\n"
                 "Content-Length: %d\r\n\r\n", status, length);
    FCGX_PutStr(body, length, request->out);
}

static void lookup(FCGX_Request *request, PGconn *db) {
    static const char prefix[] = "/api/issues/";
    const char *uri = FCGX_GetParam("DOCUMENT_URI", request->envp);
    const char *key = FCGX_GetParam("HTTP_X_API_KEY", request->envp);
    if (!uri || strncmp(uri, prefix, sizeof prefix - 1) != 0 || !key) {
        answer(request, "401 Unauthorized", "{\"error\":\"unauthorized\"}", 24);
        return;
    }
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)key, strlen(key), digest);
    char hex[2 * SHA256_DIGEST_LENGTH + 1];
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) sprintf(hex + 2 * i, "%02x", digest[i]);
    const char *hash = hex;
    PGresult *keys = PQexecPrepared(db, "key", 1, &hash, NULL, NULL, 0);
    if (PQresultStatus(keys) != PGRES_TUPLES_OK) {
        answer(request, "503 Service Unavailable", "{\"error\":\"database\"}", 20);
        PQclear(keys);
        return;
    }
    int active = PQntuples(keys) == 1 && PQgetlength(keys, 0, 2) == (int)strlen(hex)
                 && CRYPTO_memcmp(PQgetvalue(keys, 0, 2), hex, strlen(hex)) == 0;
    PQclear(keys);
    if (!active) {
        answer(request, "401 Unauthorized", "{\"error\":\"unauthorized\"}", 24);
        return;
    }
    const char *issue = uri + sizeof prefix - 1;
    PGresult *result = PQexecPrepared(db, "issue", 1, &issue, NULL, NULL, 0);
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
        answer(request, "503 Service Unavailable", "{\"error\":\"database\"}", 20);
    } else if (PQntuples(result) == 0) {
        answer(request, "404 Not Found", "{\"error\":\"not found\"}", 21);
    } else {
        answer(request, "200 OK", PQgetvalue(result, 0, 0), PQgetlength(result, 0, 0));
    }
    PQclear(result);
}

static void prepare(PGconn *db, const char *name, const char *sql, int parameters) {
    PGresult *prepared = PQprepare(db, name, sql, parameters, NULL);
    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
        fprintf(stderr, "fcgi-lookup: %s", PQerrorMessage(db));
        _exit(1);
    }
    PQclear(prepared);
}

static void serve(int listen_fd, void *database_url) {
    PGconn *db = PQconnectdb((const char *)database_url);
    if (PQstatus(db) != CONNECTION_OK) {
        fprintf(stderr, "fcgi-lookup: %s", PQerrorMessage(db));
        _exit(1);
    }
    prepare(db, "key", key_statement, 1);
    prepare(db, "issue", issue_statement, 1);
    FCGX_Request request;
    FCGX_InitRequest(&request, listen_fd, 0);
    while (FCGX_Accept_r(&request) == 0) {
        lookup(&request, db);
        FCGX_Detach(&request);
        FCGX_Finish_r(&request);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s SOCKET_PATH WORKERS DATABASE_URL\n", argv[0]);
        return 64;
    }
    return fcgi_prefork(argv[1], atoi(argv[2]), serve, argv[3]);
}
